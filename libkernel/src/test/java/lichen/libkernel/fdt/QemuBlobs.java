package lichen.libkernel.fdt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;

/** The device tree blobs QEMU wrote, kept beside these tests (see README in the resource folder). */
final class QemuBlobs {
    private QemuBlobs() {}

    static byte[] read(String name) throws IOException {
        try (InputStream in = QemuBlobs.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("no test resource " + name);
            return in.readAllBytes();
        }
    }

    /** The blob parsed; a parse error fails the test that asked. */
    static Fdt parse(byte[] blob) {
        FdtResult r = Fdt.parse(blob);
        assertTrue(r.isOk(), r.error());
        return r.fdt();
    }
}
