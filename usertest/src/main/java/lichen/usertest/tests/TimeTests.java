package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.TestList;
import lichen.usertest.sys.Clocks;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Timespec;
import lichen.usertest.sys.Utsname;

/** clock_gettime, clock_getres, nanosleep and uname: clock_gettime(2), nanosleep(2), uname(2). */
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
        list.add("uname_linux_aarch64", TimeTests::uname);
        list.add("uname_bad_pointer_efault", TimeTests::unameBadPointer);
    }

    /** CLOCK_MONOTONIC in nanoseconds, or -1 with the failure recorded. */
    private static long monotonicNanos(Check c) {
        byte[] ts = new byte[Timespec.SIZE];
        if (!c.returned(0, Linux.clock_gettime(Clocks.CLOCK_MONOTONIC, ts), "clock_gettime(MONOTONIC)")) {
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
        if (c.returned(0, Linux.clock_gettime(Clocks.CLOCK_REALTIME, ts), "clock_gettime(REALTIME)")) {
            Timespec t = Timespec.decode(ts);
            c.isTrue(t.sec() > YEAR_2020, "CLOCK_REALTIME " + t.sec() + " s is before 2020");
            c.isTrue(t.nsec() >= 0 && t.nsec() < Timespec.NANOS_PER_SECOND, "tv_nsec in [0, 1e9)");
        }
    }

    private static void clockErrors(Check c) {
        byte[] ts = new byte[Timespec.SIZE];
        c.fails(Errno.EINVAL, Linux.clock_gettime(999, ts), "clock_gettime(clock 999)");
        c.fails(Errno.EFAULT, Linux.clock_gettime(Clocks.CLOCK_MONOTONIC, 0xdead0000L), "clock_gettime(ts=0xdead0000)");
        c.fails(Errno.EFAULT, Linux.clock_gettime(Clocks.CLOCK_REALTIME, 1L), "clock_gettime(ts=1)");
    }

    private static void resolution(Check c) {
        byte[] ts = new byte[Timespec.SIZE];
        if (c.returned(0, Linux.clock_getres(Clocks.CLOCK_MONOTONIC, ts), "clock_getres(MONOTONIC)")) {
            Timespec t = Timespec.decode(ts);
            c.isTrue(t.sec() == 0 && t.nsec() > 0 && t.nsec() <= 1_000_000,
                     "resolution " + t.sec() + " s " + t.nsec() + " ns");
        }
        c.returned(0, Linux.clock_getres(Clocks.CLOCK_MONOTONIC, null), "clock_getres(res=NULL)");
    }

    private static void sleeps(Check c) {
        long asked = 30_000_000L;                          // 30 ms
        long before = monotonicNanos(c);
        byte[] rem = new byte[Timespec.SIZE];
        c.returned(0, Linux.nanosleep(Timespec.ofNanos(asked).encode(), rem), "nanosleep(30 ms)");
        long after = monotonicNanos(c);
        c.isTrue(after - before >= asked, "slept " + (after - before) + " ns, asked " + asked);
        c.isTrue(after - before < 5_000_000_000L, "slept " + (after - before) + " ns for a 30 ms request");
        c.returned(0, Linux.nanosleep(new Timespec(0, 0).encode(), null), "nanosleep(0)");
    }

    private static void sleepErrors(Check c) {
        c.fails(Errno.EINVAL, Linux.nanosleep(new Timespec(0, Timespec.NANOS_PER_SECOND).encode(), null),
                "nanosleep(tv_nsec = 1e9)");
        c.fails(Errno.EINVAL, Linux.nanosleep(new Timespec(-1, 0).encode(), null), "nanosleep(tv_sec = -1)");
        c.fails(Errno.EINVAL, Linux.nanosleep(new Timespec(0, -1).encode(), null), "nanosleep(tv_nsec = -1)");
    }

    private static void sleepBadPointer(Check c) {
        c.fails(Errno.EFAULT, Linux.nanosleep(0xdead0000L, 0), "nanosleep(req=0xdead0000)");
        c.fails(Errno.EFAULT, Linux.nanosleep(1L, 0), "nanosleep(req=1)");
    }

    private static void uname(Check c) {
        byte[] buf = new byte[Utsname.SIZE];
        if (c.returned(0, Linux.uname(buf), "uname")) {
            Utsname u = Utsname.decode(buf);
            c.equal("Linux", u.sysname(), "sysname");
            c.equal("aarch64", u.machine(), "machine");
            c.isTrue(!u.release().isEmpty() && Character.isDigit(u.release().charAt(0)),
                     "release \"" + u.release() + "\" starts with a digit");
            c.isTrue(!u.nodename().isEmpty(), "nodename is set");
        }
    }

    private static void unameBadPointer(Check c) {
        c.fails(Errno.EFAULT, Linux.uname(0xdead0000L), "uname(0xdead0000)");
        c.fails(Errno.EFAULT, Linux.uname(1L), "uname(1)");
    }
}
