package lichen.libkernel.container;

import lichen.libkernel.Errno;

/**
 * Hands out small integer ids in [min, max): file descriptors take the lowest
 * free one (POSIX open(2): "the lowest-numbered file descriptor not currently
 * open"), PIDs go round cyclically so a freed PID is not reused at once (Linux
 * alloc_pid: after pid_max it wraps to RESERVED_PIDS, 300).
 */
public final class IdAllocator {
    private final Bitmap used;
    private final int min;
    private final int max;
    private final int wrapTo;
    private int next;

    /** Ids in [min, max); after the top, cyclic allocation restarts at {@code wrapTo}. */
    public IdAllocator(int min, int max, int wrapTo) {
        if (min < 0 || max <= min || wrapTo < min || wrapTo >= max) throw new IllegalArgumentException("bad id range");
        this.min = min;
        this.max = max;
        this.wrapTo = wrapTo;
        this.used = new Bitmap(max - min);
        this.next = min;
    }

    public IdAllocator(int min, int max) { this(min, max, min); }

    public int inUse() { return used.cardinality(); }

    public boolean isUsed(int id) { return id >= min && id < max && used.get(id - min); }

    /** The lowest free id at or above {@code from} (fcntl F_DUPFD), or -EMFILE. */
    public int allocLowest(int from) {
        int b = used.nextClear(Math.max(from, min) - min);
        if (b < 0) return -Errno.EMFILE;
        used.set(b);
        return b + min;
    }

    public int allocLowest() { return allocLowest(min); }

    /** The next free id after the last one given, wrapping to {@code wrapTo}; -EAGAIN when all are taken (fork). */
    public int allocCyclic() {
        int b = used.nextClear(next - min);
        if (b < 0) b = used.nextClear(wrapTo - min);
        if (b < 0) return -Errno.EAGAIN;
        used.set(b);
        next = b + min + 1;
        if (next >= max) next = wrapTo;
        return b + min;
    }

    /** Takes a specific id (dup2's target); -EBUSY when taken, -EINVAL when outside the range. */
    public int claim(int id) {
        if (id < min || id >= max) return -Errno.EINVAL;
        return used.set(id - min) ? 0 : -Errno.EBUSY;
    }

    /** Gives an id back; -EINVAL when it was not in use. */
    public int free(int id) {
        if (id < min || id >= max) return -Errno.EINVAL;
        return used.clear(id - min) ? 0 : -Errno.EINVAL;
    }
}
