package lichen.libkernel.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a minimal AArch64 ELF64 file with chosen program headers (ELF-64 Object File Format 1.5). */
final class ElfBuilder {
    int type = ElfFile.ET_EXEC;
    int machine = ElfFile.EM_AARCH64;
    long entry = 0x400078;
    int size = 0x2000;
    final List<long[]> phdrs = new ArrayList<>(); // type, flags, offset, vaddr, filesz, memsz, align
    final List<Object[]> data = new ArrayList<>();

    ElfBuilder segment(int ptype, int flags, long offset, long vaddr, long filesz, long memsz, long align) {
        phdrs.add(new long[] {ptype, flags, offset, vaddr, filesz, memsz, align});
        return this;
    }

    ElfBuilder bytes(int offset, byte[] b) {
        data.add(new Object[] {offset, b});
        return this;
    }

    /** A static executable: one R+X PT_LOAD at 0x400000 covering the file, one RW with .bss. */
    static ElfBuilder tiny() {
        return new ElfBuilder()
                .segment(ElfFile.PT_LOAD, ElfFile.PF_R | ElfFile.PF_X, 0, 0x400000, 0x1000, 0x1000, 0x1000)
                .segment(ElfFile.PT_LOAD, ElfFile.PF_R | ElfFile.PF_W, 0x1000, 0x411000, 0x100, 0x3000, 0x1000);
    }

    byte[] build() {
        ByteBuffer b = ByteBuffer.allocate(Math.max(size, 0x2000)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1).putLong(entry).putLong(64).putLong(0)
                .putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) phdrs.size()).putShort((short) 64)
                .putShort((short) 0).putShort((short) 0);
        for (long[] p : phdrs) {
            b.putInt((int) p[0]).putInt((int) p[1]).putLong(p[2]).putLong(p[3]).putLong(p[3]).putLong(p[4]).putLong(p[5]).putLong(p[6]);
        }
        for (Object[] d : data) {
            b.position((Integer) d[0]);
            b.put((byte[]) d[1]);
        }
        return java.util.Arrays.copyOf(b.array(), size);
    }
}
