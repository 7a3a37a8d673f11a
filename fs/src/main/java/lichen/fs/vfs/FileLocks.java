package lichen.fs.vfs;

import java.util.Arrays;
import lichen.libkernel.async.Waker;

/**
 * The advisory locks on one file: byte ranges, each read (shared) or write
 * (exclusive), each held by an owner. fcntl(2)'s record locks keep one table
 * an inode, whose owners are descriptor tables (POSIX locks belong to the
 * process's files, Linux's fl_owner = current->files) or open file
 * descriptions (F_OFD_SETLK); flock(2) keeps another, whose locks all cover
 * the whole file and belong to open file descriptions. A lock conflicts with
 * another owner's overlapping lock when either of the two is a write lock.
 *
 * An owner's own locks never overlap: setting a range replaces what the
 * owner held there, splitting a lock that the range cuts, and joins locks of
 * the same type that touch or overlap the range into one (fcntl(2): "the
 * existing locks are converted or merged"). Ranges are inclusive byte
 * offsets; a lock to the end of file, however it grows, ends at
 * {@link #TO_END}.
 *
 * The arrays grow by doubling and are never shrunk: a table lives as long
 * as its inode, and a kernel without a collector frees nothing it replaces.
 */
public final class FileLocks {
    /** struct flock's l_type (asm-generic/fcntl.h). */
    public static final int F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
    /** The last offset of a lock with l_len 0: it covers whatever the file grows to. */
    public static final long TO_END = Long.MAX_VALUE;

    /**
     * Called whenever any table drops a lock: the kernel wakes the tasks that
     * sleep in F_SETLKW or a blocking flock, which try again. One hook for
     * all files, since locks are rare and waits on them rarer.
     */
    private static Waker releaseHook;

    private long[] start = new long[4], end = new long[4];
    private int[] type = new int[4], pid = new int[4];
    private Object[] owner = new Object[4];
    private int count;

    /** The kernel's waker for lock waits (set once at boot). */
    public static void setReleaseHook(Waker w) { releaseHook = w; }

    public int count() { return count; }
    public long startAt(int i) { return start[i]; }
    public long endAt(int i) { return end[i]; }
    public int typeAt(int i) { return type[i]; }
    public int pidAt(int i) { return pid[i]; }
    public Object ownerAt(int i) { return owner[i]; }

    /**
     * The first lock held by someone other than {@code who} that a lock of
     * {@code want} over [{@code from}, {@code to}] would conflict with: its
     * index, or -1 when the range is free for it (always, for F_UNLCK).
     */
    public int conflict(Object who, int want, long from, long to) {
        if (want == F_UNLCK) return -1;
        for (int i = 0; i < count; i++) {
            if (owner[i] == who || !overlaps(start[i], end[i], from, to)) continue;
            if (want == F_WRLCK || type[i] == F_WRLCK) return i;
        }
        return -1;
    }

    /**
     * Sets {@code who}'s lock over [{@code from}, {@code to}] to {@code want}
     * (F_UNLCK takes the range away): the owner's locks of another type are
     * cut back to what lies outside, and those of the same type that touch
     * the range become part of it. The caller has checked {@link #conflict}.
     */
    public void set(Object who, int lockerPid, int want, long from, long to) {
        boolean dropped = false;
        long leftStart = 0, leftEnd = 0, rightStart = 0, rightEnd = 0;
        int leftType = -1, rightType = -1, leftPid = 0, rightPid = 0;
        int kept = 0;
        for (int i = 0; i < count; i++) {
            boolean mine = owner[i] == who;
            if (mine && want != F_UNLCK && type[i] == want && touches(start[i], end[i], from, to)) {
                from = Math.min(from, start[i]);
                to = Math.max(to, end[i]);
                continue; // joined into the new lock
            }
            if (mine && overlaps(start[i], end[i], from, to)) {
                if (start[i] < from) { leftStart = start[i]; leftEnd = from - 1; leftType = type[i]; leftPid = pid[i]; }
                if (end[i] > to) { rightStart = to + 1; rightEnd = end[i]; rightType = type[i]; rightPid = pid[i]; }
                dropped = true;
                continue; // replaced by its pieces outside the range
            }
            move(i, kept++);
        }
        if (kept < count) dropped = true;
        for (int i = kept; i < count; i++) owner[i] = null;
        count = kept;
        if (leftType >= 0) add(who, leftPid, leftType, leftStart, leftEnd);
        if (rightType >= 0) add(who, rightPid, rightType, rightStart, rightEnd);
        if (want != F_UNLCK) add(who, lockerPid, want, from, to);
        if (dropped) released();
    }

    /** Drops every lock {@code who} holds (the last close of a description, or any close by a POSIX owner); whether there were any. */
    public boolean releaseOwner(Object who) {
        int kept = 0;
        for (int i = 0; i < count; i++) if (owner[i] != who) move(i, kept++);
        boolean any = kept < count;
        for (int i = kept; i < count; i++) owner[i] = null;
        count = kept;
        if (any) released();
        return any;
    }

    private void released() {
        Waker w = releaseHook;
        if (w != null) w.wake();
    }

    private void move(int from, int to) {
        if (from == to) return;
        start[to] = start[from];
        end[to] = end[from];
        type[to] = type[from];
        pid[to] = pid[from];
        owner[to] = owner[from];
    }

    private void add(Object who, int lockerPid, int t, long from, long to) {
        if (count == start.length) {
            int n = count * 2;
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            type = Arrays.copyOf(type, n);
            pid = Arrays.copyOf(pid, n);
            owner = Arrays.copyOf(owner, n);
        }
        start[count] = from;
        end[count] = to;
        type[count] = t;
        pid[count] = lockerPid;
        owner[count] = who;
        count++;
    }

    private static boolean overlaps(long aStart, long aEnd, long bStart, long bEnd) {
        return aStart <= bEnd && bStart <= aEnd;
    }

    /** Overlapping or adjacent; starts are never negative, so start - 1 cannot overflow where end + 1 could. */
    private static boolean touches(long aStart, long aEnd, long bStart, long bEnd) {
        return aStart - 1 <= bEnd && bStart - 1 <= aEnd;
    }
}
