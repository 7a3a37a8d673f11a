package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcMapsTest {
    @Test
    void aFileLineHasTheOffsetDeviceInodeAndNameAtColumn74() {
        VmaSet s = new VmaSet(0x10000, 0x7F00_0000_0000L);
        s.insert(new Vma(0x400000, 0x401000, Prot.READ | Prot.EXEC, 0).withFile(new Object(), 0xfe, 0, 260131, "/usr/bin/cat", 2));
        String line = ProcMaps.render(s);
        assertTrue(line.startsWith("00400000-00401000 r-xp 00002000 fe:00 260131 "), line);
        assertEquals(73, line.indexOf('/'), "names start after seq_pad's 72 columns and a space");
        assertTrue(line.endsWith("/usr/bin/cat\n"));
    }

    @Test
    void anonymousLinesEndWithTheInodeAndASpaceAndStacksAreNamed() {
        VmaSet s = new VmaSet(0x10000, 0x7F00_0000_0000L);
        s.insert(new Vma(0x7f0000001000L, 0x7f0000002000L, Prot.READ | Prot.WRITE, Vma.SHARED));
        s.insert(new Vma(0x7ffff000_0000L, 0x7ffff002_1000L, Prot.READ | Prot.WRITE, Vma.GROWSDOWN));
        String[] lines = ProcMaps.render(s).split("\n");
        assertEquals("7f0000001000-7f0000002000 rw-s 00000000 00:00 0 ", lines[0]);
        assertTrue(lines[1].endsWith(" [stack]"));
        assertTrue(lines[1].startsWith("7ffff0000000-7ffff0021000 rw-p 00000000 00:00 0 "));
    }

    /** Linux is the oracle: parse this JVM's own /proc/self/maps into VMAs and render them back. */
    @Test
    void renderingTheHostsOwnMapsReproducesThemByteForByte() throws Exception {
        Path p = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(p), "needs a Linux host");
        List<String> lines = Files.readAllLines(p);
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        IdentityHashMap<String, Object> files = new IdentityHashMap<>();
        int checked = 0;
        for (String l : lines) {
            String[] f = l.split(" +", 6);
            String[] range = f[0].split("-");
            long start = Long.parseUnsignedLong(range[0], 16), end = Long.parseUnsignedLong(range[1], 16);
            int prot = (f[1].charAt(0) == 'r' ? Prot.READ : 0) | (f[1].charAt(1) == 'w' ? Prot.WRITE : 0) | (f[1].charAt(2) == 'x' ? Prot.EXEC : 0);
            Vma v = new Vma(start, end, prot, f[1].charAt(3) == 's' ? Vma.SHARED : 0);
            String[] dev = f[3].split(":");
            long inode = Long.parseLong(f[4]);
            String name = f.length > 5 && !f[5].isEmpty() ? f[5] : null;
            if (inode != 0 || Long.parseLong(f[2], 16) != 0) v.withFile(files.computeIfAbsent(f[0], k -> new Object()),
                    Integer.parseInt(dev[0], 16), Integer.parseInt(dev[1], 16), inode, name, Long.parseLong(f[2], 16) >>> 12);
            else if (name != null) v.named(name);
            expected.append(l).append('\n');
            ProcMaps.line(actual, v);
            checked++;
        }
        assertTrue(checked > 10);
        assertEquals(expected.toString(), actual.toString());
    }
}
