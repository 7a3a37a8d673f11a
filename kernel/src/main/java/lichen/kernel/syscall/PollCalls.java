package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.LittleEndian;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.PollEvents;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.ResourceLimits;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;
import lichen.libkernel.sync.PollTable;

/**
 * Waiting for one of many files: ppoll(2) and pselect6 (pselect(2)); glibc's
 * poll and select call these. Each pass asks every file for its readiness;
 * the first pass also registers with each file, so that any change wakes the
 * caller for another pass. The call ends when a file is ready, the timeout
 * passes (one last pass is made, as Linux's do_poll does), or a signal comes:
 * EINTR then, and never restarted when a handler runs (ERESTARTNOHAND). The
 * time left is written back to the timeout, as Linux does for both calls.
 */
final class PollCalls {
    private static final int POLLFD_SIZE = 8;
    /** select(2)'s sets: FD_SETSIZE bits at most. */
    private static final int FD_SETSIZE = 1024;
    /** What makes a descriptor ready in select(2)'s read, write and except sets (fs/select.c's POLLIN_SET and friends). */
    private static final int[] SELECT_SETS = {
        PollEvents.READABLE | PollEvents.POLLHUP | PollEvents.POLLERR, PollEvents.WRITABLE | PollEvents.POLLERR, PollEvents.POLLPRI};

    private PollCalls() {}

    /** One pass over the files: how many are ready; registers with them while the table collects. */
    private interface Pass {
        int scan(PollTable table);
    }

    /** ppoll(2): the ready descriptors' revents, their count; 0 at the timeout. */
    @Async
    static long sysPpoll(Process p, long fds, long nfds, long timeout, long sigmask, long sigsetsize) {
        if (Long.compareUnsigned(nfds, ResourceLimits.of(p)[2 * ResourceLimits.RLIMIT_NOFILE]) > 0) return -Errno.EINVAL;
        long wait = readTimeout(p, timeout);
        if (wait < -1) return wait;
        int n = (int) nfds;
        byte[] table = new byte[n * POLLFD_SIZE];
        if (UserCopy.copyIn(p.mm(), fds, table, 0, table.length) < 0) return -Errno.EFAULT;
        long rc = replaceMask(p, sigmask, sigsetsize);
        if (rc < 0) return rc;
        long deadline = deadline(wait);
        long result = waitFor(p, wait, deadline, t -> pollPass(p, table, n, t));
        if (result >= 0 && UserCopy.copyOut(p.mm(), fds, table, 0, table.length) < 0) result = -Errno.EFAULT;
        return finish(p, timeout, wait, deadline, result);
    }

    /** Fills each pollfd's revents: POLLNVAL for a closed descriptor, nothing for a negative one. */
    private static int pollPass(Process p, byte[] table, int n, PollTable t) {
        int ready = 0;
        for (int i = 0; i < n; i++) {
            int at = i * POLLFD_SIZE;
            int fd = LittleEndian.i32(table, at);
            int events = LittleEndian.u16(table, at + 4);
            int revents = 0;
            if (fd >= 0) {
                OpenFile f = FileCalls.file(p, fd);
                revents = f == null ? PollEvents.POLLNVAL : f.poll(t) & (events | PollEvents.ALWAYS_REPORTED);
            }
            LittleEndian.put16(table, at + 6, revents);
            if (revents != 0) ready++;
        }
        return ready;
    }

    /** pselect6: the three fd_sets narrowed to the ready descriptors, their total; 0 at the timeout. */
    @Async
    static long sysPselect6(Process p, int nfds, long readfds, long writefds, long exceptfds, long timeout, long sigdata) {
        if (nfds < 0) return -Errno.EINVAL;
        int limit = Math.min(nfds, FD_SETSIZE * 64);
        int bytes = (limit + 63) / 64 * 8;
        long wait = readTimeout(p, timeout);
        if (wait < -1) return wait;
        byte[] in = new byte[3 * bytes], out = new byte[3 * bytes];
        long[] sets = {readfds, writefds, exceptfds};
        for (int s = 0; s < 3; s++)
            if (sets[s] != 0 && UserCopy.copyIn(p.mm(), sets[s], in, s * bytes, bytes) < 0) return -Errno.EFAULT;
        for (int fd = 0; fd < limit; fd++) {
            if (!anySet(in, bytes, fd)) continue;
            if (FileCalls.file(p, fd) == null) return -Errno.EBADF;
        }
        if (sigdata != 0) {
            // The sixth argument points at { const sigset_t *ss; size_t ss_len; } (fs/select.c).
            byte[] sd = new byte[16];
            if (UserCopy.copyIn(p.mm(), sigdata, sd, 0, 16) < 0) return -Errno.EFAULT;
            long rc = replaceMask(p, LittleEndian.u64(sd, 0), LittleEndian.u64(sd, 8));
            if (rc < 0) return rc;
        }
        long deadline = deadline(wait);
        long result = waitFor(p, wait, deadline, t -> selectPass(p, in, out, bytes, limit, t));
        for (int s = 0; s < 3 && result >= 0; s++)
            if (sets[s] != 0 && UserCopy.copyOut(p.mm(), sets[s], out, s * bytes, bytes) < 0) result = -Errno.EFAULT;
        return finish(p, timeout, wait, deadline, result);
    }

    private static boolean isSet(byte[] sets, int at, int fd) { return (sets[at + fd / 8] & (1 << (fd % 8))) != 0; }

    private static boolean anySet(byte[] sets, int bytes, int fd) {
        return isSet(sets, 0, fd) || isSet(sets, bytes, fd) || isSet(sets, 2 * bytes, fd);
    }

    /** Sets in {@code out} the bits of the ready descriptors asked about in {@code in}; counts each bit, as select(2) does. */
    private static int selectPass(Process p, byte[] in, byte[] out, int bytes, int limit, PollTable t) {
        java.util.Arrays.fill(out, (byte) 0);
        int ready = 0;
        for (int fd = 0; fd < limit; fd++) {
            if (!anySet(in, bytes, fd)) continue;
            OpenFile f = FileCalls.file(p, fd);
            int events = f == null ? PollEvents.POLLNVAL : f.poll(t);
            for (int s = 0; s < 3; s++) {
                if (!isSet(in, s * bytes, fd) || (events & SELECT_SETS[s]) == 0) continue;
                out[s * bytes + fd / 8] |= (byte) (1 << (fd % 8));
                ready++;
            }
        }
        return ready;
    }

    /** When a wait of {@code wait} nanoseconds (-1: none) from now ends. */
    static long deadline(long wait) {
        return wait < 0 ? Executor.NO_DEADLINE : Processes.executor().now() + Math.min(wait, Executor.NO_DEADLINE / 2);
    }

    /**
     * The passes and the sleeps between them: the count of ready files, 0 at
     * {@code deadline} (or at once when {@code wait} is 0), -ERESTARTNOHAND on a signal.
     */
    @Async
    private static long waitFor(Process p, long wait, long deadline, Pass pass) {
        Executor ex = Processes.executor();
        PollTable t = new PollTable(ex, p.task());
        long result;
        boolean timedOut = false;
        while (true) {
            int ready = pass.scan(t);
            t.stopCollecting();
            if (ready > 0 || wait == 0 || timedOut) {
                result = ready;
                break;
            }
            if (t.takeTriggered()) continue;
            // A signal the call's mask lets through ends the wait even if it came before the call;
            // one pending but blocked must not.
            if (p.signals().nextDeliverable() != 0) {
                result = -Errno.ERESTARTNOHAND;
                break;
            }
            p.task().clearSignal();
            int r = ex.block(deadline, true);
            if (r == WakeReason.INTERRUPTED) {
                result = -Errno.ERESTARTNOHAND;
                break;
            }
            timedOut = r == WakeReason.TIMED_OUT;
        }
        t.release();
        return result;
    }

    /** The timeout at user {@code at} in nanoseconds, -1 for none (a null pointer), or -EFAULT/-EINVAL. */
    @Async
    static long readTimeout(Process p, long at) {
        if (at == 0) return -1;
        long[] ns = new long[1];
        int rc = TimeCalls.readTimespec(p, at, ns);
        return rc < 0 ? rc : ns[0];
    }

    /** The signal mask for the wait, when one is given: the old one comes back when the call returns or after the handler. */
    @Async
    static long replaceMask(Process p, long sigmask, long sigsetsize) {
        if (sigmask == 0) return 0;
        if (sigsetsize != SignalCalls.SIGSET_SIZE) return -Errno.EINVAL;
        byte[] b = new byte[8];
        if (UserCopy.copyIn(p.mm(), sigmask, b, 0, 8) < 0) return -Errno.EFAULT;
        p.suspendMask(p.signals().blocked());
        p.signals().setBlocked(LittleEndian.u64(b, 0));
        return 0;
    }

    /**
     * Writes the time left back to the timeout, as Linux's poll_select_finish
     * does (not for a zero timeout); a failed write changes only an interrupted
     * call's result, to EINTR, since the restart would read a wrong timeout.
     */
    @Async
    private static long finish(Process p, long timeout, long wait, long deadline, long result) {
        if (timeout == 0 || wait <= 0) return result;
        long left = Math.max(0, deadline - Processes.executor().now());
        if (TimeCalls.writeTimespec(p, timeout, left) < 0 && result == -Errno.ERESTARTNOHAND) return -Errno.EINTR;
        return result;
    }
}
