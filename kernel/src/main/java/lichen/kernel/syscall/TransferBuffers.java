package lichen.kernel.syscall;

import lichen.api.Kmem;

/**
 * The kernel buffers file data crosses between a file and user memory, 64 KiB
 * each, kept for reuse: a call takes one and gives it back when it ends.
 * System calls still allocate in the long-lived root region (docs/kernel.md,
 * "Files"), so a buffer made per call would be kept forever; a pool holds as
 * many as calls were ever in flight at once (a call may sleep holding one,
 * on a pipe), which stays small.
 */
final class TransferBuffers {
    static final int SIZE = 64 << 10;
    private static final int KEPT = 64;

    private static final byte[][] free = new byte[KEPT][];
    private static int freeCount;

    private TransferBuffers() {}

    /** A buffer of {@link #SIZE} bytes, not zeroed. */
    static byte[] take() {
        if (freeCount > 0) {
            byte[] b = free[--freeCount];
            free[freeCount] = null;
            return b;
        }
        return Kmem.newBytes(SIZE);
    }

    /** Returns a buffer from {@link #take}. */
    static void give(byte[] b) {
        if (freeCount < KEPT) free[freeCount++] = b;
        else Kmem.free(b);
    }
}
