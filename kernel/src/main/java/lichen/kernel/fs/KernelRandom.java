package lichen.kernel.fs;

import lichen.api.Async;
import lichen.arch.aarch64.Timer;
import lichen.fs.devfs.DevFs;
import lichen.fs.devfs.RandomDevice;
import lichen.fs.vfs.CharDevice;
import lichen.kernel.dev.virtio.VirtioDevices;
import lichen.kernel.dev.virtio.VirtioEntropy;

/**
 * The kernel's random bytes for getrandom(2) and AT_RANDOM: /dev/urandom's
 * generator once the root is mounted (one stream for all three), before that
 * a generator of the same kind seeded from the counter. With a virtio entropy
 * device the generator is stirred with the device's bytes when it is first
 * used and again after every {@link #RESEED_BYTES} it gave, as Linux's crng
 * reseeds from its input pool; writes to /dev/random mix in as well.
 */
public final class KernelRandom {
    /** Device bytes mixed in at each reseed. */
    private static final int SEED_BYTES = 32;
    /** Generator output between reseeds from the device. */
    private static final long RESEED_BYTES = 1L << 16;

    private static RandomDevice early;
    private static CharDevice seeded;
    private static long sinceReseed;
    private static final byte[] seed = new byte[SEED_BYTES];

    private KernelRandom() {}

    /** Fills {@code b[off..off+len)}. */
    @Async
    public static void fill(byte[] b, int off, int len) {
        CharDevice urandom = RootFilesystem.vfs() == null ? null : RootFilesystem.vfs().devices.find(DevFs.URANDOM);
        if (urandom == null) {
            if (early == null) early = new RandomDevice(Timer.nanos());
            urandom = early;
        }
        if (urandom != seeded || sinceReseed >= RESEED_BYTES) reseed(urandom);
        int done = 0;
        while (done < len) {
            int n = urandom.read(0, b, off + done, len - done);
            if (n <= 0) break;
            done += n;
        }
        sinceReseed += done;
    }

    /** Mixes the entropy device's bytes into {@code generator} (its write mixes, as random(4)'s does); nothing without the device. */
    @Async
    public static void reseed(CharDevice generator) {
        seeded = generator;
        sinceReseed = 0;
        VirtioEntropy device = VirtioDevices.entropy();
        if (device == null) return;
        int n = device.read(seed, 0, SEED_BYTES);
        if (n > 0) generator.write(0, seed, 0, n);
    }
}
