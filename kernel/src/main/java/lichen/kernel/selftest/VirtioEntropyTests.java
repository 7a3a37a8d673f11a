package lichen.kernel.selftest;

import lichen.api.Async;
import lichen.kernel.dev.virtio.VirtioDevices;
import lichen.kernel.dev.virtio.VirtioEntropy;
import lichen.kernel.fs.KernelRandom;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;

/**
 * virtio-rng (the harness attaches QEMU's virtio-rng-device): the device
 * fills a buffer with bytes that are not all the same, and the kernel's
 * random bytes (getrandom's, AT_RANDOM's) take device bytes when they start.
 */
final class VirtioEntropyTests {
    private VirtioEntropyTests() {}

    static void runAll() {
        SelfTest.check("virtio-rng: the device fills 200 bytes, not all equal, and the kernel's generator is seeded from it", () -> {
            VirtioEntropy e = VirtioDevices.entropy();
            if (e == null) return "no virtio entropy device (the harness attaches one)";
            String[] outcome = {"the test's task did not finish"};
            Executor ex = KernelExecutor.create();
            ex.spawn("virtio-rng-test", () -> outcome[0] = fillAndSeed(e));
            ex.runUntilIdle();
            return outcome[0];
        });
    }

    @Async
    private static String fillAndSeed(VirtioEntropy e) {
        byte[] b = new byte[200];
        int n = e.read(b, 0, b.length);
        if (n != b.length) return "the device gave " + n + " of " + b.length + " bytes";
        boolean varied = false;
        for (int i = 1; i < n; i++) if (b[i] != b[0]) varied = true;
        if (!varied) return "200 equal bytes";
        long before = e.bytesGiven();
        KernelRandom.reseed(lichen.kernel.fs.RootFilesystem.vfs().devices.find(lichen.fs.devfs.DevFs.URANDOM));
        return e.bytesGiven() > before ? null : "a reseed took no bytes from the device";
    }
}
