package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Futexes;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;

/** futex(2) and set_robust_list(2): the waits and wakes glibc's locks and thread exits are built on. */
final class FutexCalls {
    static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4, FUTEX_WAKE_OP = 5,
            FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10;
    static final int FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256;
    /** sizeof(struct robust_list_head) on a 64-bit ABI. */
    static final long ROBUST_LIST_HEAD_SIZE = 24;

    private FutexCalls() {}

    /**
     * futex(2): FUTEX_WAIT with a relative timeout, FUTEX_WAIT_BITSET with an
     * absolute one, and the wakes. Bitsets other than all ones select nothing
     * finer here: every waiter matches (correct for glibc, which passes all
     * ones). The requeues and FUTEX_WAKE_OP take a second count where the
     * timeout would be (val2, the pointer's value as a number). Other
     * operations (the PI ones) are ENOSYS.
     */
    @Async
    static long sysFutex(Process p, long uaddr, int op, int val, long timeout, long uaddr2, int val3) {
        int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
        switch (cmd) {
            case FUTEX_WAIT, FUTEX_WAIT_BITSET -> {
                if (cmd == FUTEX_WAIT_BITSET && val3 == 0) return -Errno.EINVAL;
                long deadline = Executor.NO_DEADLINE;
                if (timeout != 0) {
                    long[] ns = new long[1];
                    int rc = TimeCalls.readTimespec(p, timeout, ns);
                    if (rc < 0) return rc;
                    long now = Processes.executor().now();
                    // FUTEX_WAIT's timeout is relative; the bitset form's is absolute on its clock (CLOCK_REALTIME = uptime here).
                    deadline = cmd == FUTEX_WAIT ? now + ns[0] : ns[0];
                    if (deadline < 0) deadline = Executor.NO_DEADLINE;
                }
                return Futexes.await(p, uaddr, val, deadline);
            }
            case FUTEX_WAKE, FUTEX_WAKE_BITSET -> {
                if (cmd == FUTEX_WAKE_BITSET && val3 == 0) return -Errno.EINVAL;
                return Futexes.wake(p, uaddr, val <= 0 ? 0 : val);
            }
            case FUTEX_REQUEUE, FUTEX_CMP_REQUEUE -> {
                int nrRequeue = (int) timeout;
                if (val < 0 || nrRequeue < 0) return -Errno.EINVAL;
                return Futexes.requeue(p, uaddr, val, nrRequeue, uaddr2, cmd == FUTEX_CMP_REQUEUE, val3);
            }
            case FUTEX_WAKE_OP -> {
                return Futexes.wakeOp(p, uaddr, val <= 0 ? 0 : val, Math.max(0, (int) timeout), uaddr2, val3);
            }
            default -> {
                return -Errno.ENOSYS;
            }
        }
    }

    /** get_robust_list(2): the list head and its size, for the caller (pid 0) or a thread by id. */
    @Async
    static long sysGetRobustList(Process p, int pid, long headPtr, long lenPtr) {
        Process t = pid == 0 ? p : Processes.byPid(pid);
        if (t == null) return -Errno.ESRCH;
        if (UserCopy.store64(p.mm(), headPtr, t.robustList()) < 0) return -Errno.EFAULT;
        return UserCopy.store64(p.mm(), lenPtr, ROBUST_LIST_HEAD_SIZE) < 0 ? -Errno.EFAULT : 0;
    }

    /** set_robust_list(2): remembered for the exit path; EINVAL for a head of the wrong size. */
    static long sysSetRobustList(Process p, long head, long len) {
        if (len != ROBUST_LIST_HEAD_SIZE) return -Errno.EINVAL;
        p.setRobustList(head);
        return 0;
    }
}
