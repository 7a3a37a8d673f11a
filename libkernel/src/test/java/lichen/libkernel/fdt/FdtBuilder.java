package lichen.libkernel.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: writes a version-17 flattened device tree as dtc would (Devicetree Specification v0.4, 5.2-5.5). */
final class FdtBuilder {
    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new LinkedHashMap<>();
    private final List<long[]> reservations = new ArrayList<>();

    private void u32(int v) {
        struct.write(v >>> 24);
        struct.write(v >>> 16);
        struct.write(v >>> 8);
        struct.write(v);
    }

    private void pad() { while (struct.size() % 4 != 0) struct.write(0); }

    FdtBuilder begin(String name) {
        u32(Fdt.BEGIN_NODE);
        struct.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        struct.write(0);
        pad();
        return this;
    }

    FdtBuilder end() {
        u32(Fdt.END_NODE);
        return this;
    }

    FdtBuilder nop() {
        u32(Fdt.NOP);
        return this;
    }

    FdtBuilder prop(String name, byte[] value) {
        Integer off = stringOffsets.get(name);
        if (off == null) {
            off = strings.size();
            stringOffsets.put(name, off);
            strings.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            strings.write(0);
        }
        u32(Fdt.PROP);
        u32(value.length);
        u32(off);
        struct.writeBytes(value);
        pad();
        return this;
    }

    FdtBuilder cells(String name, long... cells) {
        ByteBuffer b = ByteBuffer.allocate(4 * cells.length);
        for (long c : cells) b.putInt((int) c);
        return prop(name, b.array());
    }

    FdtBuilder string(String name, String... values) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (String v : values) {
            o.writeBytes(v.getBytes(StandardCharsets.US_ASCII));
            o.write(0);
        }
        return prop(name, o.toByteArray());
    }

    FdtBuilder reserve(long addr, long size) {
        reservations.add(new long[] {addr, size});
        return this;
    }

    byte[] build() {
        u32(Fdt.END);
        int rsvOff = 40;
        int rsvSize = 16 * (reservations.size() + 1);
        int structOff = rsvOff + rsvSize;
        int stringsOff = structOff + struct.size();
        int total = stringsOff + strings.size();
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(Fdt.MAGIC).putInt(total).putInt(structOff).putInt(stringsOff).putInt(rsvOff)
                .putInt(17).putInt(16).putInt(0).putInt(strings.size()).putInt(struct.size());
        for (long[] r : reservations) b.putLong(r[0]).putLong(r[1]);
        b.putLong(0).putLong(0);
        b.put(struct.toByteArray());
        b.put(strings.toByteArray());
        return b.array();
    }

    /** A small machine: two cells of address and size at the root, one memory bank, /chosen. */
    static FdtBuilder minimal() {
        return new FdtBuilder().begin("").cells("#address-cells", 2).cells("#size-cells", 2)
                .begin("memory@40000000").string("device_type", "memory").cells("reg", 0, 0x4000_0000L, 0, 0x800_0000L).end();
    }
}
