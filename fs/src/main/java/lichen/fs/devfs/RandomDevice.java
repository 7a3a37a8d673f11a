package lichen.fs.devfs;

import lichen.api.Async;
import lichen.fs.vfs.CharDevice;

/**
 * /dev/random (1:8) and /dev/urandom (1:9): a xoshiro256** generator. Not
 * cryptographic: the kernel stirs in entropy it gathers (timer jitter, the
 * device tree's rng-seed) through {@link #mix}, and writes mix in too, as
 * writing to Linux's random devices does (random(4)).
 */
public final class RandomDevice implements CharDevice {
    private long s0, s1, s2, s3;

    public RandomDevice(long seed) {
        s0 = 0x9E3779B97F4A7C15L;
        s1 = 0xBF58476D1CE4E5B9L;
        s2 = 0x94D049BB133111EBL;
        s3 = 0x2545F4914F6CDD1DL;
        mix(seed);
    }

    /** Folds {@code v} into the state. */
    public void mix(long v) {
        s0 ^= v;
        s2 ^= Long.rotateLeft(v, 29) * 0x9E3779B97F4A7C15L;
        if ((s0 | s1 | s2 | s3) == 0) s1 = 1;
        for (int i = 0; i < 8; i++) next();
    }

    long next() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        long word = 0;
        for (int i = 0; i < len; i++) {
            if ((i & 7) == 0) word = next();
            buf[off + i] = (byte) word;
            word >>>= 8;
        }
        return len;
    }

    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) {
        long acc = 0;
        for (int i = 0; i < len; i++) {
            acc = acc * 31 + buf[off + i];
            if ((i & 7) == 7) mix(acc);
        }
        mix(acc);
        return len;
    }
}
