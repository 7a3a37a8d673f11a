package lichen.kernel.syscall;

import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;

/**
 * getpriority(2) and setpriority(2): the nice values of a thread, a process
 * group's threads or a user's threads. glibc's nice(3) and getpriority(3),
 * coreutils' nice and util-linux's renice are built on them.
 */
final class PriorityCalls {
    private PriorityCalls() {}

    /** {@code which}: a thread id, a process group id, or a real user id (0 in each: the caller's). */
    static final int PRIO_PROCESS = 0, PRIO_PGRP = 1, PRIO_USER = 2;
    /** The nice range (sched(7)). */
    static final int NICE_MIN = -20, NICE_MAX = 19;

    /**
     * getpriority(2), the raw call: 20 minus the lowest nice value of the
     * threads {@code which} and {@code who} name, so that the result, 1..40,
     * is never negative (glibc turns it back into a nice value; man 2
     * getpriority, "C library/kernel differences"). ESRCH when none matches,
     * EINVAL for an unknown {@code which}.
     */
    static long sysGetpriority(Process p, int which, int who) {
        if (which < PRIO_PROCESS || which > PRIO_USER) return -Errno.EINVAL;
        int best = Integer.MIN_VALUE;
        for (int tid = 1; tid < Processes.PID_MAX; tid++) {
            Process t = Processes.byPid(tid);
            if (matches(p, t, which, who)) best = Math.max(best, 20 - t.nice());
        }
        return best == Integer.MIN_VALUE ? -Errno.ESRCH : best;
    }

    /**
     * setpriority(2): every thread {@code which} and {@code who} name gets the
     * nice value {@code prio}, clamped to -20..19 as Linux clamps it. ESRCH
     * when none matches, EINVAL for an unknown {@code which}. Lowering a nice
     * value needs CAP_SYS_NICE (EACCES otherwise), which every process here
     * has: each one is root.
     */
    static long sysSetpriority(Process p, int which, int who, int prio) {
        if (which < PRIO_PROCESS || which > PRIO_USER) return -Errno.EINVAL;
        int nice = Math.max(NICE_MIN, Math.min(NICE_MAX, prio));
        boolean any = false;
        for (int tid = 1; tid < Processes.PID_MAX; tid++) {
            Process t = Processes.byPid(tid);
            if (!matches(p, t, which, who)) continue;
            t.setNice(nice);
            any = true;
        }
        return any ? 0 : -Errno.ESRCH;
    }

    /**
     * Whether thread {@code t} is one that {@code which} and {@code who} name:
     * PRIO_PROCESS one thread (a thread id, as Linux's find_task_by_vpid),
     * PRIO_PGRP every thread of the group's processes, PRIO_USER every thread
     * of the user (every process is root, uid 0). Reaped threads are gone;
     * zombies still answer, as on Linux.
     */
    private static boolean matches(Process caller, Process t, int which, int who) {
        if (t == null || t.state() == Process.REAPED) return false;
        return switch (which) {
            case PRIO_PROCESS -> t.pid() == (who == 0 ? caller.pid() : who);
            case PRIO_PGRP -> t.pgid() == (who == 0 ? caller.pgid() : who);
            default -> who == 0;
        };
    }
}
