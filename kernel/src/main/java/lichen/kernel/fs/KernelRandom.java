package lichen.kernel.fs;

import lichen.api.Async;
import lichen.arch.aarch64.Timer;
import lichen.fs.devfs.DevFs;
import lichen.fs.devfs.RandomDevice;
import lichen.fs.vfs.CharDevice;

/**
 * The kernel's random bytes for getrandom(2) and AT_RANDOM: /dev/urandom's
 * generator once the root is mounted (one stream for all three), before that
 * a generator of the same kind seeded from the counter.
 */
public final class KernelRandom {
    private static RandomDevice early;

    private KernelRandom() {}

    /** Fills {@code b[off..off+len)}. */
    @Async
    public static void fill(byte[] b, int off, int len) {
        CharDevice urandom = RootFilesystem.vfs() == null ? null : RootFilesystem.vfs().devices.find(DevFs.URANDOM);
        if (urandom == null) {
            if (early == null) early = new RandomDevice(Timer.nanos());
            urandom = early;
        }
        int done = 0;
        while (done < len) {
            int n = urandom.read(0, b, off + done, len - done);
            if (n <= 0) break;
            done += n;
        }
    }
}
