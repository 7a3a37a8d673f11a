package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.TestList;
import lichen.usertest.sys.Clocks;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Timespec;

/**
 * The clocks and sleeping: clock_gettime(2) (and clock_getres),
 * gettimeofday(2), nanosleep(2), clock_nanosleep(2).
 */
public final class TimeTests {
    private TimeTests() {}

    /** 2020-01-01T00:00:00Z: a realtime clock before this is not set. */
    private static final long YEAR_2020 = 1_577_836_800L;

    public static void register(TestList list) {
        list.add("clock_gettime_monotonic_never_goes_back", TimeTests::monotonic);
        list.add("clock_gettime_realtime_is_plausible", TimeTests::realtime);
        list.add("clock_gettime_bad_clock_einval_bad_pointer_efault", TimeTests::clockErrors);
        list.add("clock_getres_monotonic_at_most_a_millisecond", TimeTests::resolution);
        list.add("nanosleep_sleeps_at_least_requested", TimeTests::sleeps);
        list.add("nanosleep_bad_timespec_einval", TimeTests::sleepErrors);
        list.add("nanosleep_bad_pointer_efault", TimeTests::sleepBadPointer);
        list.add("gettimeofday_agrees_with_clock_realtime", TimeTests::gettimeofday);
        list.add("gettimeofday_bad_pointer_efault", TimeTests::gettimeofdayBadPointer);
        list.add("clock_getres_realtime_bad_clock_einval", TimeTests::resolutionErrors);
        list.add("clock_nanosleep_absolute_deadline_and_relative", TimeTests::absoluteSleep);
        list.add("clock_nanosleep_bad_clock_einval_thread_clock_enotsup", TimeTests::clockNanosleepErrors);
    }

    /** CLOCK_MONOTONIC in nanoseconds, or -1 with the failure recorded. */
    static long monotonicNanos(Check c) {
        byte[] ts = new byte[Timespec.SIZE];
        if (!c.returned(0, LinuxSystem.clock_gettime(Clocks.CLOCK_MONOTONIC, ts), "clock_gettime(MONOTONIC)")) {
            return -1;
        }
        Timespec t = Timespec.decode(ts);
        c.isTrue(t.nsec() >= 0 && t.nsec() < Timespec.NANOS_PER_SECOND, "tv_nsec " + t.nsec() + " in [0, 1e9)");
        return t.toNanos();
    }

    private static void monotonic(Check c) {
        long first = monotonicNanos(c);
        long previous = first;
        for (int i = 0; i < 1000 && c.passed(); i++) {
            long now = monotonicNanos(c);
            c.isTrue(now >= previous, "CLOCK_MONOTONIC went back from " + previous + " to " + now);
            previous = now;
        }
        // Spin until it moves: a monotonic clock that never advances is broken.
        long moved = previous;
        for (int i = 0; i < 1_000_000 && moved == first && c.passed(); i++) {
            moved = monotonicNanos(c);
        }
        c.isTrue(moved > first, "CLOCK_MONOTONIC did not advance");
    }

    private static void realtime(Check c) {
        byte[] ts = new byte[Timespec.SIZE];
        if (c.returned(0, LinuxSystem.clock_gettime(Clocks.CLOCK_REALTIME, ts), "clock_gettime(REALTIME)")) {
            Timespec t = Timespec.decode(ts);
            c.isTrue(t.sec() > YEAR_2020, "CLOCK_REALTIME " + t.sec() + " s is before 2020");
            c.isTrue(t.nsec() >= 0 && t.nsec() < Timespec.NANOS_PER_SECOND, "tv_nsec in [0, 1e9)");
        }
    }

    private static void clockErrors(Check c) {
        byte[] ts = new byte[Timespec.SIZE];
        c.fails(Errno.EINVAL, LinuxSystem.clock_gettime(999, ts), "clock_gettime(clock 999)");
        c.fails(Errno.EFAULT, LinuxSystem.clock_gettime(Clocks.CLOCK_MONOTONIC, 0xdead0000L), "clock_gettime(ts=0xdead0000)");
        c.fails(Errno.EFAULT, LinuxSystem.clock_gettime(Clocks.CLOCK_REALTIME, 1L), "clock_gettime(ts=1)");
    }

    private static void resolution(Check c) {
        byte[] ts = new byte[Timespec.SIZE];
        if (c.returned(0, LinuxSystem.clock_getres(Clocks.CLOCK_MONOTONIC, ts), "clock_getres(MONOTONIC)")) {
            Timespec t = Timespec.decode(ts);
            c.isTrue(t.sec() == 0 && t.nsec() > 0 && t.nsec() <= 1_000_000,
                     "resolution " + t.sec() + " s " + t.nsec() + " ns");
        }
        c.returned(0, LinuxSystem.clock_getres(Clocks.CLOCK_MONOTONIC, null), "clock_getres(res=NULL)");
    }

    private static void sleeps(Check c) {
        long asked = 30_000_000L;                          // 30 ms
        long before = monotonicNanos(c);
        byte[] rem = new byte[Timespec.SIZE];
        c.returned(0, LinuxSystem.nanosleep(Timespec.ofNanos(asked).encode(), rem), "nanosleep(30 ms)");
        long after = monotonicNanos(c);
        c.isTrue(after - before >= asked, "slept " + (after - before) + " ns, asked " + asked);
        c.isTrue(after - before < 5_000_000_000L, "slept " + (after - before) + " ns for a 30 ms request");
        c.returned(0, LinuxSystem.nanosleep(new Timespec(0, 0).encode(), null), "nanosleep(0)");
    }

    private static void sleepErrors(Check c) {
        c.fails(Errno.EINVAL, LinuxSystem.nanosleep(new Timespec(0, Timespec.NANOS_PER_SECOND).encode(), null),
                "nanosleep(tv_nsec = 1e9)");
        c.fails(Errno.EINVAL, LinuxSystem.nanosleep(new Timespec(-1, 0).encode(), null), "nanosleep(tv_sec = -1)");
        c.fails(Errno.EINVAL, LinuxSystem.nanosleep(new Timespec(0, -1).encode(), null), "nanosleep(tv_nsec = -1)");
    }

    private static void sleepBadPointer(Check c) {
        c.fails(Errno.EFAULT, LinuxSystem.nanosleep(0xdead0000L, 0), "nanosleep(req=0xdead0000)");
        c.fails(Errno.EFAULT, LinuxSystem.nanosleep(1L, 0), "nanosleep(req=1)");
    }

    /**
     * gettimeofday(2) reads CLOCK_REALTIME in microseconds: between two
     * clock_gettime calls around it, to the microsecond.
     */
    private static void gettimeofday(Check c) {
        byte[] before = new byte[Timespec.SIZE];
        byte[] after = new byte[Timespec.SIZE];
        long[] tv = {-1, -1};
        int[] tz = {-1, -1};
        c.returned(0, LinuxSystem.clock_gettime(Clocks.CLOCK_REALTIME, before), "clock_gettime(REALTIME) before");
        c.returned(0, LinuxSystem.gettimeofday(Linux.address(tv), Linux.address(tz)), "gettimeofday");
        c.returned(0, LinuxSystem.clock_gettime(Clocks.CLOCK_REALTIME, after), "clock_gettime(REALTIME) after");
        if (c.passed()) {
            c.isTrue(tv[1] >= 0 && tv[1] < 1_000_000, "tv_usec " + tv[1] + " in [0, 1e6)");
            long micros = tv[0] * 1_000_000 + tv[1];
            long first = Timespec.decode(before).toNanos() / 1000;
            long last = Timespec.decode(after).toNanos() / 1000;
            c.isTrue(first <= micros && micros <= last,
                     "gettimeofday " + micros + " us lies between CLOCK_REALTIME " + first + " and " + last + " us");
            c.isTrue(tz[0] != -1 && tz[1] != -1, "the struct timezone was filled in");
        }
        c.returned(0, LinuxSystem.gettimeofday(0, 0), "gettimeofday(NULL, NULL)");
    }

    private static void gettimeofdayBadPointer(Check c) {
        c.fails(Errno.EFAULT, LinuxSystem.gettimeofday(0xdead0000L, 0), "gettimeofday(tv=0xdead0000)");
        long[] tv = new long[2];
        c.fails(Errno.EFAULT, LinuxSystem.gettimeofday(Linux.address(tv), 0xdead0000L), "gettimeofday(tz=0xdead0000)");
    }

    private static void resolutionErrors(Check c) {
        byte[] ts = new byte[Timespec.SIZE];
        if (c.returned(0, LinuxSystem.clock_getres(Clocks.CLOCK_REALTIME, ts), "clock_getres(REALTIME)")) {
            Timespec t = Timespec.decode(ts);
            c.isTrue(t.sec() == 0 && t.nsec() > 0 && t.nsec() <= 1_000_000, "resolution " + t.sec() + " s " + t.nsec() + " ns");
        }
        c.fails(Errno.EINVAL, LinuxSystem.clock_getres(999, ts), "clock_getres(clock 999)");
        c.fails(Errno.EINVAL, LinuxSystem.clock_getres(-1, ts), "clock_getres(clock -1)");
    }

    /** clock_nanosleep(2) with TIMER_ABSTIME: "until the clock reaches" the time given. */
    private static void absoluteSleep(Check c) {
        long deadline = monotonicNanos(c) + 20_000_000L;   // 20 ms from now
        c.returned(0, LinuxSystem.clock_nanosleep(Clocks.CLOCK_MONOTONIC, Clocks.TIMER_ABSTIME, Timespec.ofNanos(deadline).encode(), null),
                   "clock_nanosleep(MONOTONIC, TIMER_ABSTIME, now + 20 ms)");
        long now = monotonicNanos(c);
        c.isTrue(now >= deadline, "woke at " + now + " ns, before the deadline " + deadline);
        // A deadline in the past returns at once.
        c.returned(0, LinuxSystem.clock_nanosleep(Clocks.CLOCK_MONOTONIC, Clocks.TIMER_ABSTIME, new Timespec(0, 1).encode(), null),
                   "clock_nanosleep(TIMER_ABSTIME, a time long past)");
        long asked = 10_000_000L;
        long before = monotonicNanos(c);
        c.returned(0, LinuxSystem.clock_nanosleep(Clocks.CLOCK_REALTIME, 0, Timespec.ofNanos(asked).encode(), null),
                   "clock_nanosleep(REALTIME, relative 10 ms)");
        c.isTrue(monotonicNanos(c) - before >= asked, "a relative clock_nanosleep slept at least 10 ms");
    }

    private static void clockNanosleepErrors(Check c) {
        byte[] ms = Timespec.ofNanos(1_000_000).encode();
        c.fails(Errno.EINVAL, LinuxSystem.clock_nanosleep(999, 0, ms, null), "clock_nanosleep(clock 999)");
        // The man page lists EINVAL for it, but Linux's thread CPU clock has no sleep: ENOTSUP (EOPNOTSUPP).
        c.fails(Errno.EOPNOTSUPP, LinuxSystem.clock_nanosleep(Clocks.CLOCK_THREAD_CPUTIME_ID, 0, ms, null),
                "clock_nanosleep(CLOCK_THREAD_CPUTIME_ID)");
        c.fails(Errno.EINVAL, LinuxSystem.clock_nanosleep(Clocks.CLOCK_MONOTONIC, 0, new Timespec(0, Timespec.NANOS_PER_SECOND).encode(), null),
                "clock_nanosleep(tv_nsec = 1e9)");
        c.fails(Errno.EINVAL, LinuxSystem.clock_nanosleep(Clocks.CLOCK_MONOTONIC, 0, new Timespec(-1, 0).encode(), null),
                "clock_nanosleep(tv_sec = -1)");
    }
}
