package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.fs.LittleEndian;
import lichen.fs.vfs.FileLocks;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;
import lichen.libkernel.sync.WaitQueue;

/**
 * Advisory file locks: fcntl(2)'s record locks (F_GETLK, F_SETLK, F_SETLKW,
 * and the open-file-description forms F_OFD_GETLK, F_OFD_SETLK,
 * F_OFD_SETLKW) and flock(2). fs's {@link FileLocks} holds the locks and
 * their rules; this is the system-call side: struct flock, the owners, the
 * checks, and the sleeps of the waiting forms.
 *
 * A POSIX lock belongs to the caller's descriptor table (threads share it,
 * a forked child does not, as Linux's fl_owner = current->files), so any
 * close of the file drops it; an OFD lock and a flock belong to the open
 * file description and go with its last close. A task waiting for a lock
 * sleeps on one queue that every release anywhere wakes, and tries again:
 * locks are rare and waits on them rarer, so one queue costs less than one
 * an inode. A signal ends the wait with EINTR, which SA_RESTART restarts
 * (signal(7) lists F_SETLKW and flock among the restartable calls).
 */
final class LockCalls {
    static final int F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7, F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38;
    /** flock(2)'s operations. */
    static final int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
    /** struct flock on arm64 (asm-generic/fcntl.h): short l_type; short l_whence; off_t l_start at 8; off_t l_len at 16; pid_t l_pid at 24. */
    private static final int FLOCK_SIZE = 32, L_TYPE = 0, L_WHENCE = 2, L_START = 8, L_LEN = 16, L_PID = 24;
    /** Linux's MAX_DEADLK_ITERATIONS: how far a chain of waiting owners is followed. */
    private static final int DEADLOCK_DEPTH = 10;

    private static WaitQueue waiters;
    /** For deadlock detection (fcntl(2), EDEADLK): the POSIX owners asleep in F_SETLKW and the owner each waits for. */
    private static final Object[] sleeper = new Object[64], awaited = new Object[64];

    private LockCalls() {}

    /** fcntl(2)'s lock commands on {@code f}; {@code arg} points at a struct flock. */
    @Async
    static long fcntlLock(Process p, OpenFile f, int cmd, long arg) {
        byte[] fl = Kmem.newBytes(FLOCK_SIZE);
        long r = fcntlLock(p, f, cmd, arg, fl);
        Kmem.free(fl);
        return r;
    }

    @Async
    private static long fcntlLock(Process p, OpenFile f, int cmd, long arg, byte[] fl) {
        if (UserCopy.copyIn(p.mm(), arg, fl, 0, FLOCK_SIZE) < 0) return -Errno.EFAULT;
        boolean ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
        int type = (short) LittleEndian.u16(fl, L_TYPE), whence = (short) LittleEndian.u16(fl, L_WHENCE);
        long start = LittleEndian.u64(fl, L_START), len = LittleEndian.u64(fl, L_LEN);
        if (type != FileLocks.F_RDLCK && type != FileLocks.F_WRLCK && type != FileLocks.F_UNLCK) return -Errno.EINVAL;
        if (ofd && LittleEndian.u32(fl, L_PID) != 0) return -Errno.EINVAL; // fcntl(2): l_pid must be 0 for OFD locks
        // The range, as fs/locks.c's flock_to_posix_lock: from l_whence's base, l_len 0 to the end, a negative l_len before l_start.
        long base;
        if (whence == OpenFlags.SEEK_SET) base = 0;
        else if (whence == OpenFlags.SEEK_CUR) base = f.offset;
        else if (whence == OpenFlags.SEEK_END) base = f.inode.size;
        else return -Errno.EINVAL;
        if (start > 0 && base > Long.MAX_VALUE - start) return -Errno.EOVERFLOW;
        start += base;
        if (start < 0) return -Errno.EINVAL;
        long end;
        if (len > 0) {
            if (len - 1 > Long.MAX_VALUE - start) return -Errno.EOVERFLOW;
            end = start + len - 1;
        } else if (len < 0) {
            if (start + len < 0) return -Errno.EINVAL;
            end = start - 1;
            start += len;
        } else {
            end = FileLocks.TO_END;
        }
        Object owner = ofd ? f : p.files().fds;
        FileLocks locks = recordLocks(f);
        if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
            if (type == FileLocks.F_UNLCK) return -Errno.EINVAL;
            int c = locks.conflict(owner, type, start, end);
            if (c < 0) {
                LittleEndian.put16(fl, L_TYPE, FileLocks.F_UNLCK); // the rest stays as the caller gave it
            } else {
                long cs = locks.startAt(c), ce = locks.endAt(c);
                LittleEndian.put16(fl, L_TYPE, locks.typeAt(c));
                LittleEndian.put16(fl, L_WHENCE, OpenFlags.SEEK_SET);
                LittleEndian.put64(fl, L_START, cs);
                LittleEndian.put64(fl, L_LEN, ce == FileLocks.TO_END ? 0 : ce - cs + 1);
                LittleEndian.put32(fl, L_PID, locks.ownerAt(c) instanceof OpenFile ? -1 : locks.pidAt(c));
            }
            return UserCopy.copyOut(p.mm(), arg, fl, 0, FLOCK_SIZE) < 0 ? -Errno.EFAULT : 0;
        }
        if (type == FileLocks.F_RDLCK && !OpenFlags.canRead(f.flags)) return -Errno.EBADF;
        if (type == FileLocks.F_WRLCK && !OpenFlags.canWrite(f.flags)) return -Errno.EBADF;
        boolean wait = cmd == F_SETLKW || cmd == F_OFD_SETLKW;
        return take(locks, owner, p.tgid(), type, start, end, wait, !ofd);
    }

    /** flock(2): a shared or exclusive lock on the whole file for the open file description, or none. */
    @Async
    static long sysFlock(Process p, int fd, int operation) {
        OpenFile f = FileCalls.file(p, fd);
        if (f == null || (f.flags & OpenFlags.O_PATH) != 0) return -Errno.EBADF;
        int type = switch (operation & ~LOCK_NB) {
            case LOCK_SH -> FileLocks.F_RDLCK;
            case LOCK_EX -> FileLocks.F_WRLCK;
            case LOCK_UN -> FileLocks.F_UNLCK;
            default -> -1;
        };
        if (type < 0) return -Errno.EINVAL;
        if (f.inode.flocks == null) f.inode.flocks = new FileLocks();
        return take(f.inode.flocks, f, p.tgid(), type, 0, FileLocks.TO_END, (operation & LOCK_NB) == 0, false);
    }

    /** The file's record-lock table, made on its first use. */
    private static FileLocks recordLocks(OpenFile f) {
        if (f.inode.recordLocks == null) f.inode.recordLocks = new FileLocks();
        return f.inode.recordLocks;
    }

    /**
     * Sets {@code owner}'s lock once nobody else's conflicts: at once, or
     * -EAGAIN when it conflicts and {@code wait} is false (flock's
     * EWOULDBLOCK is the same number), or after sleeping until it no longer
     * does; -EINTR on a signal, -EDEADLK when a POSIX owner would wait for
     * an owner that (through others) waits for it.
     */
    @Async
    private static long take(FileLocks locks, Object owner, int pid, int type, long start, long end, boolean wait, boolean detectDeadlock) {
        Executor ex = Processes.executor();
        while (true) {
            int c = locks.conflict(owner, type, start, end);
            if (c < 0) {
                locks.set(owner, pid, type, start, end);
                return 0;
            }
            if (!wait) return -Errno.EAGAIN;
            Object blocker = locks.ownerAt(c);
            int slot = -1;
            if (detectDeadlock) {
                if (waitsFor(blocker, owner)) return -Errno.EDEADLK;
                slot = noteSleeper(owner, blocker);
            }
            int r = queue().sleep(ex, Executor.NO_DEADLINE, true);
            if (slot >= 0) sleeper[slot] = awaited[slot] = null;
            if (r == WakeReason.INTERRUPTED) return -Errno.EINTR;
        }
    }

    /** Whether {@code from}, or an owner it waits for, and so on, waits for {@code target} (Linux's posix_locks_deadlock). */
    private static boolean waitsFor(Object from, Object target) {
        Object at = from;
        for (int depth = 0; depth < DEADLOCK_DEPTH && at != null; depth++) {
            if (at == target) return true;
            Object next = null;
            for (int i = 0; i < sleeper.length; i++) if (sleeper[i] == at) next = awaited[i];
            at = next;
        }
        return false;
    }

    /** Records that {@code owner} sleeps for {@code blocker}; the slot, or -1 when every slot is taken (deadlocks then go unseen). */
    private static int noteSleeper(Object owner, Object blocker) {
        for (int i = 0; i < sleeper.length; i++) {
            if (sleeper[i] == null) {
                sleeper[i] = owner;
                awaited[i] = blocker;
                return i;
            }
        }
        return -1;
    }

    /** The waiters' queue; the first lock call also gives fs the hook that wakes it. */
    private static WaitQueue queue() {
        if (waiters == null) {
            waiters = new WaitQueue();
            FileLocks.setReleaseHook(() -> waiters.wakeAll(Processes.executor()));
        }
        return waiters;
    }
}
