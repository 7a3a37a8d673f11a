package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Clocks;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.RawMemory;
import lichen.usertest.sys.Timespec;

/**
 * CPU time as the kernel counts it: getrusage(2), times(2),
 * CLOCK_PROCESS_CPUTIME_ID, /proc/self/stat's utime and stime and
 * /proc/stat's cpu line all grow with a busy loop and agree with each other;
 * a waited-for child's time becomes its parent's children's time; and the
 * page faults getrusage counts (ru_minflt).
 */
public final class CpuTimeTests {
    private CpuTimeTests() {}

    private static final int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;
    /** ru_minflt's place among struct rusage's longs (after the two timevals and ru_maxrss .. ru_isrss). */
    private static final int RU_MINFLT = 8;
    private static final long MS = 1_000_000L, TICK = 10 * MS;
    /** Where the busy loop's result goes, so the compiler keeps the loop. */
    private static long sink;

    public static void register(TestList list) {
        list.add("getrusage_times_cpu_clock_grow_with_a_busy_loop", CpuTimeTests::busyLoop);
        list.add("proc_self_stat_and_proc_stat_times_agree_with_getrusage", CpuTimeTests::statAgrees);
        list.add("getrusage_children_counts_a_waited_busy_child", CpuTimeTests::children);
        list.add("getrusage_minflt_counts_the_pages_first_touched", CpuTimeTests::minorFaults);
    }

    /** User plus system time from getrusage(who) in nanoseconds, or -1; {@code user[0]} gets the user part. */
    static long rusage(int who, long[] user) {
        long[] ru = new long[18];
        if (LinuxSystem.getrusage(who, ru) != 0) {
            return -1;
        }
        long u = ru[0] * 1_000_000_000L + ru[1] * 1000, s = ru[2] * 1_000_000_000L + ru[3] * 1000;
        if (user != null) {
            user[0] = u;
        }
        return u + s;
    }

    /** Computes until the process has used {@code nanos} more CPU time (at most 20 s by the clock); the time used then. */
    static long spin(long nanos) {
        long start = rusage(RUSAGE_SELF, null), deadline = monotonic() + 20_000 * MS;
        long x = sink | 1, used = start;
        while (used - start < nanos && monotonic() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink += x;
            used = rusage(RUSAGE_SELF, null);
        }
        return used;
    }

    private static long monotonic() {
        byte[] ts = new byte[Timespec.SIZE];
        LinuxSystem.clock_gettime(Clocks.CLOCK_MONOTONIC, ts);
        return Timespec.decode(ts).toNanos();
    }

    /**
     * 200 ms of computing: getrusage's time grows by that much, most of it
     * user time; times(2) reports the same in clock ticks, the process CPU
     * clock in nanoseconds, and RUSAGE_THREAD the same for the only thread.
     */
    private static void busyLoop(Check c) {
        long[] user = new long[1];
        long before = rusage(RUSAGE_SELF, null);
        long after = spin(200 * MS);
        long total = rusage(RUSAGE_SELF, user);
        if (!c.isTrue(before >= 0 && total >= 0, "getrusage(RUSAGE_SELF)")) {
            return;
        }
        c.isTrue(after - before >= 200 * MS, "the loop used " + (after - before) / MS + " ms of CPU time");
        c.isTrue(user[0] * 2 >= total - before, "user time " + user[0] / MS + " ms is most of the " + total / MS + " ms");
        long[] tms = new long[4];
        c.succeeded(LinuxSystem.times(tms), "times");
        long cpu = cpuClock();
        long later = rusage(RUSAGE_SELF, null);
        c.isTrue(tms[0] + tms[1] >= total / TICK - 1 && tms[0] + tms[1] <= later / TICK + 1,
                 "times' utime+stime " + (tms[0] + tms[1]) + " ticks, getrusage " + total / TICK + ".." + later / TICK);
        c.isTrue(cpu >= total - TICK && cpu <= rusage(RUSAGE_SELF, null) + TICK,
                 "CLOCK_PROCESS_CPUTIME_ID " + cpu / MS + " ms, getrusage " + total / MS + " ms");
        long thread = rusage(RUSAGE_THREAD, null);
        c.isTrue(thread >= total - TICK && thread <= rusage(RUSAGE_SELF, null) + TICK,
                 "RUSAGE_THREAD " + thread / MS + " ms of the only thread, RUSAGE_SELF " + total / MS + " ms");
    }

    private static long cpuClock() {
        byte[] ts = new byte[Timespec.SIZE];
        return LinuxSystem.clock_gettime(Clocks.CLOCK_PROCESS_CPUTIME_ID, ts) == 0 ? Timespec.decode(ts).toNanos() : -1;
    }

    /**
     * After 150 ms of computing, /proc/self/stat's utime + stime (fields 14
     * and 15, clock ticks) lie between getrusage's figure before and after
     * reading it, within a tick; /proc/stat's user + system grew with this
     * process's time.
     */
    private static void statAgrees(Check c) {
        long[] cpuBefore = systemCpu(c);
        long start = rusage(RUSAGE_SELF, null);
        spin(150 * MS);
        long low = rusage(RUSAGE_SELF, null);
        String line = Files.contents(c, "/proc/self/stat");
        long high = rusage(RUSAGE_SELF, null);
        long[] cpuAfter = systemCpu(c);
        String[] f = line == null ? null : ProcTests.statFields(c, line);
        if (f == null || !c.equal(52, f.length, "fields in /proc/self/stat") || cpuBefore == null || cpuAfter == null) {
            return;
        }
        long ticks = ProcTests.number(f[13]) + ProcTests.number(f[14]);
        c.isTrue(ticks >= low / TICK - 1 && ticks <= high / TICK + 1,
                 "utime+stime " + f[13] + "+" + f[14] + " ticks, getrusage " + low / MS + ".." + high / MS + " ms");
        // Linux samples /proc/stat at each tick but scales a process's times to its exact run time, and under
        // QEMU's TCG ticks come late: the CPU's count need only have grown by half of this process's.
        long grew = cpuAfter[0] + cpuAfter[2] - cpuBefore[0] - cpuBefore[2];
        c.isTrue(grew >= (high - start) / TICK / 2 - 1, "/proc/stat's user+system grew " + grew + " ticks, this process used "
                 + (high - start) / TICK);
    }

    /** /proc/stat's first line, "cpu  user nice system idle iowait irq softirq steal guest guest_nice", as numbers. */
    private static long[] systemCpu(Check c) {
        String s = Files.contents(c, "/proc/stat", 512);
        if (s == null || !c.isTrue(s.startsWith("cpu  "), "/proc/stat starts with \"cpu  \"")) {
            return null;
        }
        String[] w = ProcTests.words(s.substring(0, s.indexOf('\n')));
        if (!c.equal(11, w.length, "words in /proc/stat's cpu line")) {
            return null;
        }
        long[] v = new long[10];
        for (int i = 0; i < 10; i++) {
            v[i] = ProcTests.number(w[i + 1]);
        }
        return v;
    }

    /** A child that computes for 150 ms: once waited for, its time is in RUSAGE_CHILDREN and times' cutime + cstime. */
    private static void children(Check c) {
        long before = rusage(RUSAGE_CHILDREN, null);
        long pid = Processes.fork();
        if (pid == 0) {
            spin(150 * MS);
            Processes.childExit(0);
        }
        if (!c.succeeded(pid, "clone") || !c.equal(0, Processes.waitFor(pid), "the child's status")) {
            return;
        }
        long after = rusage(RUSAGE_CHILDREN, null);
        c.isTrue(after - before >= 150 * MS, "RUSAGE_CHILDREN grew " + (after - before) / MS + " ms by the waited child");
        long[] tms = new long[4];
        c.succeeded(LinuxSystem.times(tms), "times");
        c.isTrue(tms[2] + tms[3] >= after / TICK - 1 && tms[2] + tms[3] <= after / TICK + 1,
                 "times' cutime+cstime " + (tms[2] + tms[3]) + " ticks, RUSAGE_CHILDREN " + after / MS + " ms");
    }

    /** ru_minflt: a store to each of 64 fresh anonymous pages is a fault apiece (no page is there before). */
    private static void minorFaults(Check c) {
        int pages = 64;
        long a = Linux.mmap(0, pages * 4096L, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        if (!c.succeeded(a, "mmap")) {
            return;
        }
        long[] before = new long[18], after = new long[18];
        c.returned(0, LinuxSystem.getrusage(RUSAGE_SELF, before), "getrusage");
        for (int i = 0; i < pages; i++) {
            RawMemory.store8(a + i * 4096L, 1);
        }
        c.returned(0, LinuxSystem.getrusage(RUSAGE_SELF, after), "getrusage");
        c.isTrue(after[RU_MINFLT] - before[RU_MINFLT] >= pages,
                 "ru_minflt grew by " + (after[RU_MINFLT] - before[RU_MINFLT]) + " over stores to " + pages + " new pages");
        Linux.munmap(a, pages * 4096L);
    }
}
