package lichen.libkernel.elf;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile ELF files: each mutation is accepted or rejected with a message, and accepted ones plan loads sanely. */
class ElfFuzzTest {
    static byte[][] seeds;

    @BeforeAll
    static void load() throws Exception {
        seeds = new byte[2][];
        String[] names = {"hello-pie", "hello-static"};
        for (int i = 0; i < 2; i++) try (InputStream in = ElfFuzzTest.class.getResourceAsStream(names[i])) { seeds[i] = in.readAllBytes(); }
    }

    static void exercise(byte[] b) {
        ElfResult r = ElfFile.parse(b);
        if (!r.isOk()) {
            assertNotNull(r.error());
            return;
        }
        ElfFile e = r.elf();
        long bias = AuxVector.loadBias(e);
        AuxVector.forProgram(e, bias, 0).toWords();
        for (LoadSegment s : LoadSegment.plan(e, bias)) {
            assertTrue(Long.compareUnsigned(s.start, s.end) <= 0);
            assertTrue(Long.compareUnsigned(s.fileEnd, s.end) <= 0);
            assertEquals(0, s.start & 4095);
        }
        e.dynamicValue(1);
        e.interpreter();
    }

    @Test
    void randomByteFlipsNeverCrashTheParser() {
        Random r = new Random(31);
        for (int i = 0; i < 4000; i++) {
            byte[] b = seeds[i & 1].clone();
            for (int k = 1 + r.nextInt(6); k > 0; k--) b[r.nextInt(Math.min(b.length, 64 + 56 * 10))] ^= (byte) (1 << r.nextInt(8));
            exercise(b);
        }
    }

    @Test
    void everyTruncationIsRejectedOrStillConsistent() {
        for (byte[] seed : seeds) for (int len = 0; len <= seed.length; len += 3) exercise(java.util.Arrays.copyOf(seed, len));
    }

    @Test
    void hostileProgramHeaderFieldsAreRejectedOrSafe() {
        Random r = new Random(32);
        long[] nasty = {-1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 48, (1L << 48) - 1, 0, 4095, 0xFFFF_FFFFL};
        for (int i = 0; i < 3000; i++) {
            byte[] b = seeds[i & 1].clone();
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int phnum = bb.getShort(56) & 0xffff;
            int ph = 64 + 56 * r.nextInt(phnum);
            int field = 8 + 8 * r.nextInt(6);
            bb.putLong(ph + field, r.nextBoolean() ? nasty[r.nextInt(nasty.length)] : r.nextLong());
            if (r.nextInt(4) == 0) bb.putShort(56, (short) r.nextInt(70000));
            exercise(b);
        }
    }
}
