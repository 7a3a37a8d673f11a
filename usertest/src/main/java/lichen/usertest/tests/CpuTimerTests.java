package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Processes;
import lichen.usertest.SignalRecorder;
import lichen.usertest.TestList;
import lichen.usertest.sys.Clocks;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Signals;

/**
 * setitimer(2)'s CPU-time timers: ITIMER_VIRTUAL sends SIGVTALRM once the
 * process has used it_value of user time, ITIMER_PROF sends SIGPROF after
 * user and system time and re-arms with it_interval, getitimer counts them
 * down in CPU time, and a forked child starts without them. Each test
 * disarms what it set.
 */
public final class CpuTimerTests {
    private CpuTimerTests() {}

    private static final long MS = 1_000_000L;
    /** How much CPU time a test spends waiting for a signal before it gives up. */
    private static final long GIVE_UP = 3_000 * MS;

    public static void register(TestList list) {
        list.add("itimer_virtual_sigvtalrm_after_user_time", CpuTimerTests::virtual);
        list.add("itimer_prof_sigprof_and_rearms_with_interval", CpuTimerTests::prof);
        list.add("itimer_cpu_counts_down_not_inherited_by_fork", CpuTimerTests::countdown);
    }

    /** Computes until {@code sig} is caught or GIVE_UP of CPU time is spent; the process's CPU time then (ns). */
    private static long spinUntil(SignalRecorder r, int sig) {
        long start = CpuTimeTests.spin(0), used = start;
        while (!r.caught(sig) && used - start < GIVE_UP) used = CpuTimeTests.spin(10 * MS);
        return used - start;
    }

    private static void disarm(int which) { Linux.setitimer(which, new long[] {0, 0, 0, 0}, null); }

    /** SIGVTALRM comes after 100 ms of user time, not before (within a tick), and the timer is then spent. */
    private static void virtual(Check c) {
        SignalRecorder r = SignalRecorder.create(c);
        if (r == null || !c.returned(0, r.catchSignal(Signals.SIGVTALRM), "rt_sigaction(SIGVTALRM)")) return;
        if (!c.returned(0, Linux.setitimer(Clocks.ITIMER_VIRTUAL, new long[] {0, 0, 0, 100_000}, null), "setitimer(ITIMER_VIRTUAL, 100 ms)")) return;
        long used = spinUntil(r, Signals.SIGVTALRM);
        c.isTrue(r.caught(Signals.SIGVTALRM), "SIGVTALRM within " + GIVE_UP / MS + " ms of CPU time");
        c.isTrue(used >= 90 * MS, "SIGVTALRM after " + used / MS + " ms of CPU time, not before 100 ms of user time");
        long[] now = new long[4];
        c.returned(0, Linux.getitimer(Clocks.ITIMER_VIRTUAL, now), "getitimer(ITIMER_VIRTUAL)");
        c.isTrue(now[0] == 0 && now[1] == 0 && now[2] == 0 && now[3] == 0, "a fired timer with no interval is disarmed");
        disarm(Clocks.ITIMER_VIRTUAL);
    }

    /** SIGPROF after 50 ms of CPU time; with a 200 ms interval the timer is armed again, the interval kept. */
    private static void prof(Check c) {
        SignalRecorder r = SignalRecorder.create(c);
        if (r == null || !c.returned(0, r.catchSignal(Signals.SIGPROF), "rt_sigaction(SIGPROF)")) return;
        if (!c.returned(0, Linux.setitimer(Clocks.ITIMER_PROF, new long[] {0, 200_000, 0, 50_000}, null), "setitimer(ITIMER_PROF, 50 ms, every 200 ms)")) return;
        long used = spinUntil(r, Signals.SIGPROF);
        long[] now = new long[4];
        long got = Linux.getitimer(Clocks.ITIMER_PROF, now);
        disarm(Clocks.ITIMER_PROF);
        c.isTrue(r.caught(Signals.SIGPROF), "SIGPROF within " + GIVE_UP / MS + " ms of CPU time");
        c.isTrue(used >= 40 * MS, "SIGPROF after " + used / MS + " ms of CPU time, not before 50 ms");
        c.returned(0, got, "getitimer(ITIMER_PROF)");
        c.isTrue(now[0] == 0 && now[1] == 200_000, "it_interval kept: " + now[0] + " s " + now[1] + " us");
        long left = now[2] * 1_000_000 + now[3];
        c.isTrue(left > 0 && left <= 200_000, "re-armed: " + left + " us left of the 200 ms interval");
    }

    /**
     * An ITIMER_VIRTUAL of 10 s shows about 10 s left and, after 100 ms of
     * computing, less by about that; a forked child's is zero; disarming
     * returns what was left. EINVAL for another timer.
     */
    private static void countdown(Check c) {
        if (!c.returned(0, Linux.setitimer(Clocks.ITIMER_VIRTUAL, new long[] {0, 0, 10, 0}, null), "setitimer(ITIMER_VIRTUAL, 10 s)")) return;
        long[] first = new long[4], later = new long[4], old = new long[4];
        c.returned(0, Linux.getitimer(Clocks.ITIMER_VIRTUAL, first), "getitimer");
        CpuTimeTests.spin(100 * MS);
        c.returned(0, Linux.getitimer(Clocks.ITIMER_VIRTUAL, later), "getitimer after 100 ms of computing");
        long[] child = Processes.answersFromChild(c, 2, () -> {
            long[] v = new long[4];
            long rc = Linux.getitimer(Clocks.ITIMER_VIRTUAL, v);
            return new long[] {rc, v[0] | v[1] | v[2] | v[3]};
        });
        c.returned(0, Linux.setitimer(Clocks.ITIMER_VIRTUAL, new long[] {0, 0, 0, 0}, old), "setitimer(0) with the old value");
        long a = first[2] * 1_000_000 + first[3], b = later[2] * 1_000_000 + later[3], o = old[2] * 1_000_000 + old[3];
        // Linux adds a tick to it_value (set_cpu_itimer's TICK_NSEC) so that sampled CPU time never fires it early.
        c.isTrue(a <= 10_010_000 && a > 9_800_000, "left at first: " + a + " us of 10 s (and at most a 100 Hz tick more)");
        c.isTrue(b < a - 50_000, "left after 100 ms of computing: " + b + " us, from " + a);
        c.isTrue(o > 0 && o <= b, "the old value on disarming: " + o + " us");
        if (child != null) {
            c.returned(0, child[0], "the child's getitimer");
            c.equal(0, child[1], "the child's ITIMER_VIRTUAL (fork does not inherit interval timers)");
        }
        c.fails(Errno.EINVAL, Linux.setitimer(3, new long[] {0, 0, 1, 0}, null), "setitimer(which 3)");
    }
}
