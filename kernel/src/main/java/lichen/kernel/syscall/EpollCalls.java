package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.LittleEndian;
import lichen.fs.vfs.Epoll;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;
import lichen.libkernel.sync.PollTable;

/**
 * epoll(7): epoll_create1(2), epoll_ctl(2), epoll_pwait and epoll_pwait2
 * (epoll_wait(2)). The interest and ready lists are {@link Epoll}'s; this
 * file checks the arguments and does the waiting. A wait ends when an entry
 * has events, at the timeout, or on a signal: EINTR, never restarted
 * (signal(7) lists epoll_wait among the calls SA_RESTART does not restart).
 */
final class EpollCalls {
    static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    /** EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event). */
    private static final int MAX_EVENTS = Integer.MAX_VALUE / Epoll.EVENT_SIZE;

    private EpollCalls() {}

    /** epoll_create1(2): a new epoll instance's descriptor; EPOLL_CLOEXEC (O_CLOEXEC) is the only flag. */
    @Async
    static long sysEpollCreate1(Process p, int flags) {
        if ((flags & ~OpenFlags.O_CLOEXEC) != 0) return -Errno.EINVAL;
        return AnonymousDescriptors.install(p, new Epoll(), flags & OpenFlags.O_CLOEXEC);
    }

    /**
     * epoll_ctl(2): add, change or remove the entry for {@code fd}. EFAULT for
     * an unreadable event (not read for EPOLL_CTL_DEL), EBADF, EPERM for a file
     * that cannot be polled (a regular file or directory), EINVAL for an epfd
     * that is no epoll, an fd that is the epoll itself, a bad op or a misused
     * EPOLLEXCLUSIVE, ELOOP for a watch that would make a cycle of epolls.
     */
    @Async
    static long sysEpollCtl(Process p, int epfd, int op, int fd, long event) {
        int events = 0;
        long data = 0;
        if (op != EPOLL_CTL_DEL) {
            byte[] ev = new byte[Epoll.EVENT_SIZE];
            if (UserCopy.copyIn(p.mm(), event, ev, 0, ev.length) < 0) return -Errno.EFAULT;
            events = LittleEndian.i32(ev, 0);
            data = LittleEndian.u64(ev, 8);
        }
        OpenFile ef = FileCalls.file(p, epfd), tf = FileCalls.file(p, fd);
        if (ef == null || tf == null) return -Errno.EBADF;
        if (tf.device == null) return -Errno.EPERM; // files and directories have no poll: always ready, nothing to wait for
        if ((events & Epoll.EPOLLEXCLUSIVE) != 0) {
            if (op == EPOLL_CTL_MOD) return -Errno.EINVAL;
            if (op == EPOLL_CTL_ADD && ((events & ~Epoll.EXCLUSIVE_OK) != 0 || tf.device instanceof Epoll)) return -Errno.EINVAL;
        }
        if (ef == tf || !(ef.device instanceof Epoll ep)) return -Errno.EINVAL;
        return switch (op) {
            case EPOLL_CTL_ADD -> {
                if (tf.device instanceof Epoll target && target.reaches(ef, 0)) yield -Errno.ELOOP;
                yield ep.add(tf, fd, events, data);
            }
            case EPOLL_CTL_MOD -> ep.modify(tf, fd, events, data);
            case EPOLL_CTL_DEL -> ep.remove(tf, fd);
            default -> -Errno.EINVAL;
        };
    }

    /** epoll_pwait: epoll_wait(2) for up to {@code timeoutMs} ms (negative: no limit) with {@code sigmask} in place. */
    @Async
    static long sysEpollPwait(Process p, int epfd, long events, int maxevents, int timeoutMs, long sigmask, long sigsetsize) {
        long wait = timeoutMs < 0 ? -1 : timeoutMs * 1_000_000L;
        return await(p, epfd, events, maxevents, wait, sigmask, sigsetsize);
    }

    /** epoll_pwait2: as epoll_pwait with a struct timespec timeout (NULL: no limit). */
    @Async
    static long sysEpollPwait2(Process p, int epfd, long events, int maxevents, long timeout, long sigmask, long sigsetsize) {
        long wait = PollCalls.readTimeout(p, timeout);
        if (wait < -1) return wait;
        return await(p, epfd, events, maxevents, wait, sigmask, sigsetsize);
    }

    /** The ready entries' events into user {@code events}, their count; 0 after {@code wait} ns (-1: none), -EINTR on a signal. */
    @Async
    private static long await(Process p, int epfd, long events, int maxevents, long wait, long sigmask, long sigsetsize) {
        if (maxevents <= 0 || maxevents > MAX_EVENTS) return -Errno.EINVAL;
        if (!UserCopy.inUserHalf(events, (long) maxevents * Epoll.EVENT_SIZE)) return -Errno.EFAULT;
        OpenFile f = FileCalls.file(p, epfd);
        if (f == null) return -Errno.EBADF;
        if (!(f.device instanceof Epoll ep)) return -Errno.EINVAL;
        long rc = PollCalls.replaceMask(p, sigmask, sigsetsize);
        if (rc < 0) return rc;
        // Never more records than entries: maxevents may be far larger than the interest list.
        int max = Math.max(1, Math.min(maxevents, ep.size()));
        byte[] out = new byte[max * Epoll.EVENT_SIZE];
        long deadline = PollCalls.deadline(wait);
        Executor ex = Processes.executor();
        PollTable t = new PollTable(ex, p.task());
        t.wait(ep.waiters);
        t.stopCollecting();
        long result;
        boolean timedOut = false;
        while (true) {
            int n = ep.harvest(out, Math.min(max, Math.max(1, ep.size())));
            if (n > 0 || wait == 0 || timedOut) {
                result = n;
                break;
            }
            if (t.takeTriggered()) continue;
            if (p.signals().nextDeliverable() != 0) {
                result = -Errno.EINTR;
                break;
            }
            p.task().clearSignal();
            int r = ex.block(deadline, true);
            if (r == WakeReason.INTERRUPTED) {
                result = -Errno.EINTR;
                break;
            }
            timedOut = r == WakeReason.TIMED_OUT;
        }
        t.release();
        if (result > 0 && UserCopy.copyOut(p.mm(), events, out, 0, (int) result * Epoll.EVENT_SIZE) < 0) return -Errno.EFAULT;
        return result;
    }
}
