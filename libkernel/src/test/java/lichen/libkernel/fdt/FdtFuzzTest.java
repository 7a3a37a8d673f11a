package lichen.libkernel.fdt;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile blobs: every mutation is either parsed or rejected with a message; nothing throws and nothing hangs. */
class FdtFuzzTest {
    static byte[] real;

    @BeforeAll
    static void load() throws Exception {
        real = QemuBlobs.read("qemu-virt.dtb");
    }

    /** Parses and, when that succeeds, reads everything a boot would read. */
    static void exercise(byte[] b) {
        FdtResult r = Fdt.parse(b);
        if (!r.isOk()) {
            assertNotNull(r.error());
            assertFalse(r.error().isEmpty());
            return;
        }
        Fdt f = r.fdt();
        MachineDescription m = MachineDescription.from(f);
        for (int n = 0; n < f.nodeCount(); n++) {
            f.name(n);
            f.regCount(n);
            for (int i = 0; i < f.propertyCount(n); i++) {
                int p = f.propertyAt(n, i);
                f.propertyName(p);
                f.string(p);
                f.cell(p, 0);
            }
        }
        if (m.error() == null) assertTrue(m.memoryBankCount() > 0);
    }

    @Test
    void randomByteFlipsAreParsedOrRejected() {
        Random r = new Random(2024);
        for (int i = 0; i < 3000; i++) {
            byte[] b = real.clone();
            int flips = 1 + r.nextInt(8);
            for (int k = 0; k < flips; k++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> exercise(b));
        }
    }

    @Test
    void everyTruncationIsRejectedWithoutACrash() {
        for (int len = 0; len < real.length; len += 7) {
            byte[] b = java.util.Arrays.copyOf(real, len);
            FdtResult r = Fdt.parse(b);
            assertFalse(r.isOk(), "a blob cut to " + len + " bytes parsed");
        }
    }

    @Test
    void truncationsWithAMatchingTotalsizeAreRejectedOrParsed() {
        Random r = new Random(5);
        for (int i = 0; i < 1000; i++) {
            int len = 40 + r.nextInt(real.length - 40);
            byte[] b = java.util.Arrays.copyOf(real, len);
            ByteBuffer.wrap(b).putInt(4, len);
            exercise(b);
        }
    }

    @Test
    void hostileHeaderFieldsAreRejected() {
        Random r = new Random(6);
        for (int i = 0; i < 2000; i++) {
            byte[] b = real.clone();
            int field = 1 + r.nextInt(9);
            int v = switch (r.nextInt(4)) {
                case 0 -> r.nextInt();
                case 1 -> -1 - r.nextInt(16);
                case 2 -> r.nextInt(64);
                default -> real.length - r.nextInt(64);
            };
            ByteBuffer.wrap(b).putInt(4 * field, v);
            exercise(b);
        }
    }

    @Test
    void randomGarbageWithAValidHeaderIsRejected() {
        Random r = new Random(7);
        for (int i = 0; i < 1000; i++) {
            byte[] b = new byte[64 + r.nextInt(2000)];
            r.nextBytes(b);
            ByteBuffer.wrap(b).putInt(0, Fdt.MAGIC).putInt(4, b.length).putInt(8, 56).putInt(12, 40 + r.nextInt(b.length - 40))
                    .putInt(16, 40).putInt(20, 17).putInt(24, 16).putInt(32, r.nextInt(64)).putInt(36, (b.length - 56) & ~3);
            exercise(b);
        }
    }
}
