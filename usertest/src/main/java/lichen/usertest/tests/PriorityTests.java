package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.ProcStat;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;

/**
 * getpriority(2) and setpriority(2), the raw calls: getpriority answers 20
 * minus the nice value (1..40), setpriority clamps to -20..19, a fork
 * inherits the caller's value, a process group's members all change, and
 * /proc/PID/stat shows priority (20 + nice) and nice. Every change is made
 * in a forked child, so the rest of the suite runs at the nice value it
 * started with.
 */
public final class PriorityTests {
    private PriorityTests() {}

    private static final int PRIO_PROCESS = 0, PRIO_PGRP = 1, PRIO_USER = 2;
    /** /proc/PID/stat's priority and nice fields (proc(5)). */
    private static final int STAT_PRIORITY = 18, STAT_NICE = 19;

    public static void register(TestList list) {
        list.add("setpriority_getpriority_round_trip", PriorityTests::roundTrip);
        list.add("nice_value_in_proc_self_stat", PriorityTests::procStat);
        list.add("setpriority_clamps_to_the_nice_range", PriorityTests::clamps);
        list.add("nice_value_inherited_by_fork", PriorityTests::inherited);
        list.add("setpriority_process_group_changes_every_member", PriorityTests::processGroup);
        list.add("getpriority_setpriority_errors", PriorityTests::errors);
    }

    private static long get(int which, long who) { return LinuxSystem.getpriority(which, who); }

    private static long set(int which, long who, long prio) { return LinuxSystem.setpriority(which, who, prio); }

    /** nice 7 set by pid 0 and read back by pid 0 and by the caller's pid; then lowered to 3 again. */
    private static void roundTrip(Check c) {
        long[] a = Processes.answersFromChild(c, 5, () -> new long[] {
            set(PRIO_PROCESS, 0, 7), get(PRIO_PROCESS, 0), get(PRIO_PROCESS, Linux.getpid()),
            set(PRIO_PROCESS, Linux.getpid(), 3), get(PRIO_PROCESS, 0)});
        if (a == null) return;
        c.returned(0, a[0], "setpriority(PRIO_PROCESS, 0, 7)");
        c.equal(20 - 7, a[1], "getpriority(PRIO_PROCESS, 0): 20 - nice");
        c.equal(20 - 7, a[2], "getpriority(PRIO_PROCESS, getpid())");
        c.returned(0, a[3], "setpriority(PRIO_PROCESS, getpid(), 3): lowering it again, as root");
        c.equal(20 - 3, a[4], "getpriority after that");
    }

    /** After setpriority(7), /proc/self/stat's priority field is 27 (20 + nice) and its nice field 7. */
    private static void procStat(Check c) {
        long[] a = Processes.answersFromChild(c, 3, () -> new long[] {
            set(PRIO_PROCESS, 0, 7), ProcStat.selfField(STAT_PRIORITY), ProcStat.selfField(STAT_NICE)});
        if (a == null) return;
        c.returned(0, a[0], "setpriority(PRIO_PROCESS, 0, 7)");
        c.equal(20 + 7, a[1], "/proc/self/stat's priority");
        c.equal(7, a[2], "/proc/self/stat's nice");
    }

    /** A value past either end is the end: 100 is nice 19 and -100 nice -20. */
    private static void clamps(Check c) {
        long[] a = Processes.answersFromChild(c, 4, () -> new long[] {
            set(PRIO_PROCESS, 0, 100), get(PRIO_PROCESS, 0), set(PRIO_PROCESS, 0, -100), get(PRIO_PROCESS, 0)});
        if (a == null) return;
        c.returned(0, a[0], "setpriority(100)");
        c.equal(20 - 19, a[1], "getpriority after 100: nice 19");
        c.returned(0, a[2], "setpriority(-100)");
        c.equal(20 + 20, a[3], "getpriority after -100: nice -20");
    }

    /** A child forked at nice 5 starts at nice 5. */
    private static void inherited(Check c) {
        long[] a = Processes.answersFromChild(c, 2, () -> {
            long setting = set(PRIO_PROCESS, 0, 5);
            long[] grandchild = Processes.answersFromChild(c, 1, () -> new long[] {get(PRIO_PROCESS, 0)});
            return new long[] {setting, grandchild == null ? -1 : grandchild[0]};
        });
        if (a == null) return;
        c.returned(0, a[0], "setpriority(5)");
        c.equal(20 - 5, a[1], "the forked child's getpriority");
    }

    /**
     * A child in a process group of its own, and a grandchild in the same
     * group: setpriority(PRIO_PGRP) of that group reaches both, and
     * getpriority(PRIO_PGRP) answers the most favoured (the largest 20 - nice):
     * the caller's -5, above any thread at 0 or 9 (qemu-user's own threads
     * are in the group too, and may start after the setpriority).
     */
    private static void processGroup(Check c) {
        long[] a = Processes.answersFromChild(c, 5, () -> {
            Linux.setpgid(0, 0);
            int[] hold = Pipes.open(c);
            if (hold == null) return new long[] {-1, -1, -1, -1, -1};
            long member = Processes.forkBlockedReader(hold); // inherits the group
            long group = Linux.getpid();
            long setting = set(PRIO_PGRP, group, 9);
            long memberNice = get(PRIO_PROCESS, member), mine = get(PRIO_PROCESS, 0);
            long raised = set(PRIO_PROCESS, 0, -5);
            long best = get(PRIO_PGRP, 0);
            Linux.close(hold[1]);
            Processes.waitFor(member);
            return new long[] {setting, memberNice, mine, raised, best};
        });
        if (a == null) return;
        c.returned(0, a[0], "setpriority(PRIO_PGRP, the group, 9)");
        c.equal(20 - 9, a[1], "the other member's getpriority");
        c.equal(20 - 9, a[2], "the caller's own getpriority");
        c.returned(0, a[3], "setpriority(PRIO_PROCESS, 0, -5)");
        c.equal(20 + 5, a[4], "getpriority(PRIO_PGRP, 0): the group's most favoured member");
    }

    /** EINVAL for an unknown {@code which}, ESRCH for a thread, group or user with no process. */
    private static void errors(Check c) {
        c.fails(Errno.EINVAL, get(3, 0), "getpriority(which 3)");
        c.fails(Errno.EINVAL, set(-1, 0, 0), "setpriority(which -1)");
        c.fails(Errno.ESRCH, get(PRIO_PROCESS, 0x3fff_fff0L), "getpriority(no such thread)");
        c.fails(Errno.ESRCH, set(PRIO_PROCESS, 0x3fff_fff0L, 0), "setpriority(no such thread)");
        c.fails(Errno.ESRCH, get(PRIO_PGRP, 0x3fff_fff0L), "getpriority(no such group)");
        c.fails(Errno.ESRCH, get(PRIO_USER, 54321), "getpriority(a user with no process)");
        c.succeeded(get(PRIO_USER, 0), "getpriority(PRIO_USER, 0): the caller's user");
    }
}
