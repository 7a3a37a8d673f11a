package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.TestList;
import lichen.usertest.sys.Clocks;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Resources;
import lichen.usertest.sys.Sysinfo;
import lichen.usertest.sys.Timespec;
import lichen.usertest.sys.Utsname;

/**
 * What a process asks about the system and itself: uname(2), sysinfo(2),
 * getrlimit(2) and prlimit64, gettid(2), sched_yield(2), and syscall(2)
 * with a number the kernel does not have.
 */
public final class SystemTests {
    private SystemTests() {}

    public static void register(TestList list) {
        list.add("uname_linux_aarch64", SystemTests::uname);
        list.add("uname_bad_pointer_efault", SystemTests::unameBadPointer);
        list.add("sysinfo_sane_memory_and_uptime", SystemTests::sysinfo);
        list.add("sysinfo_bad_pointer_efault", SystemTests::sysinfoBadPointer);
        list.add("getrlimit_stack_and_nofile_readable", SystemTests::limits);
        list.add("getrlimit_bad_resource_einval", SystemTests::limitErrors);
        list.add("prlimit64_lower_nofile_then_emfile", SystemTests::lowerNofile);
        list.add("gettid_equals_getpid_single_thread", SystemTests::tidIsPid);
        list.add("sched_yield_returns_zero", SystemTests::yield);
        list.add("syscall_unknown_number_enosys", SystemTests::unknownNumber);
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

    /**
     * sysinfo(2): uptime is "seconds since boot" (CLOCK_BOOTTIME, rounded up);
     * the memory figures are counts of mem_unit bytes and cannot exceed the total.
     */
    private static void sysinfo(Check c) {
        byte[] buf = new byte[Sysinfo.SIZE];
        byte[] boot = new byte[Timespec.SIZE];
        if (!c.returned(0, Linux.sysinfo(buf), "sysinfo")
                || !c.returned(0, Linux.clock_gettime(Clocks.CLOCK_BOOTTIME, boot), "clock_gettime(BOOTTIME)")) {
            return;
        }
        Sysinfo s = Sysinfo.decode(buf);
        long booted = Timespec.decode(boot).sec();
        c.isTrue(s.uptime() >= booted - 1 && s.uptime() <= booted + 2,
                 "uptime " + s.uptime() + " s against CLOCK_BOOTTIME " + booted + " s");
        c.isTrue(s.memUnit() >= 1 && (s.memUnit() & (s.memUnit() - 1)) == 0, "mem_unit " + s.memUnit() + " is a power of two");
        c.isTrue(s.totalram() > 0 && s.totalram() * s.memUnit() >= 16L << 20, "totalram " + s.totalram() + " units is at least 16 MiB");
        c.isTrue(s.freeram() > 0 && s.freeram() <= s.totalram(), "freeram " + s.freeram() + " in (0, totalram]");
        c.isTrue(s.sharedram() <= s.totalram() && s.bufferram() <= s.totalram(), "sharedram and bufferram within totalram");
        c.isTrue(s.freeswap() >= 0 && s.freeswap() <= s.totalswap(), "freeswap " + s.freeswap() + " within totalswap " + s.totalswap());
        c.isTrue(s.procs() >= 1, "procs " + s.procs() + " counts this process");
    }

    private static void sysinfoBadPointer(Check c) {
        c.fails(Errno.EFAULT, Linux.sysinfo(0xdead0000L), "sysinfo(0xdead0000)");
    }

    /** rlim_cur never exceeds rlim_max (RLIM_INFINITY is the largest unsigned value). */
    private static boolean ordered(long[] limit) {
        return Long.compareUnsigned(limit[0], limit[1]) <= 0;
    }

    private static void limits(Check c) {
        long[] stack = {-2, -2};
        if (c.returned(0, Linux.getrlimit(Resources.RLIMIT_STACK, stack), "getrlimit(RLIMIT_STACK)")) {
            c.isTrue(ordered(stack), "stack soft limit " + stack[0] + " within the hard " + stack[1]);
            c.isTrue(Long.compareUnsigned(stack[0], 128 * 1024) >= 0, "stack soft limit " + stack[0] + " is at least 128 KiB");
        }
        long[] files = {-2, -2};
        if (c.returned(0, Linux.getrlimit(Resources.RLIMIT_NOFILE, files), "getrlimit(RLIMIT_NOFILE)")) {
            c.isTrue(ordered(files), "open-file soft limit " + files[0] + " within the hard " + files[1]);
            c.isTrue(files[0] >= 16 && files[0] != Resources.RLIM_INFINITY, "open-file soft limit " + files[0] + " is finite, at least 16");
            long[] same = {-2, -2};
            if (c.returned(0, Linux.prlimit64(0, Resources.RLIMIT_NOFILE, null, same), "prlimit64(0, RLIMIT_NOFILE, NULL, old)")) {
                c.equal(files[0], same[0], "prlimit64's soft limit is getrlimit's");
                c.equal(files[1], same[1], "prlimit64's hard limit is getrlimit's");
            }
            c.returned(0, Linux.prlimit64(Linux.getpid(), Resources.RLIMIT_NOFILE, null, same), "prlimit64(own pid)");
        }
    }

    private static void limitErrors(Check c) {
        long[] limit = new long[2];
        c.fails(Errno.EINVAL, Linux.getrlimit(Resources.RLIM_NLIMITS, limit), "getrlimit(RLIM_NLIMITS)");
        c.fails(Errno.EINVAL, Linux.getrlimit(9999, limit), "getrlimit(9999)");
        c.fails(Errno.EINVAL, Linux.prlimit64(0, 9999, null, limit), "prlimit64(resource 9999)");
        c.fails(Errno.ESRCH, Linux.prlimit64(0x3fff_fff0L, Resources.RLIMIT_NOFILE, null, limit), "prlimit64(a pid that does not exist)");
        c.fails(Errno.EFAULT, Linux.getrlimit(Resources.RLIMIT_NOFILE, (long[]) null), "getrlimit(rlim=NULL)");
        if (c.returned(0, Linux.getrlimit(Resources.RLIMIT_NOFILE, limit), "getrlimit(RLIMIT_NOFILE)")
                && limit[1] != Resources.RLIM_INFINITY) {
            long[] above = {limit[1] + 1, limit[1]};
            c.fails(Errno.EINVAL, Linux.setrlimit(Resources.RLIMIT_NOFILE, above), "setrlimit(soft above hard)");
        }
    }

    /**
     * RLIMIT_NOFILE is "one greater than the maximum file descriptor number
     * that can be opened": with the soft limit at 16, duplicates stop at 15
     * with EMFILE, dup3 to 16 is EBADF (dup(2)) and F_DUPFD from 16 is EINVAL
     * (fcntl(2)). Only the test's own process gets the limit.
     */
    private static void lowerNofile(Check c) {
        long[] old = new long[2];
        if (!c.returned(0, Linux.getrlimit(Resources.RLIMIT_NOFILE, old), "getrlimit(RLIMIT_NOFILE)")
                || !c.isTrue(old[0] > 16, "the soft limit " + old[0] + " is above 16")) {
            return;
        }
        long[] previous = new long[2];
        // Only the soft limit: raising a hard limit again needs CAP_SYS_RESOURCE.
        if (!c.returned(0, Linux.prlimit64(0, Resources.RLIMIT_NOFILE, new long[] {16, old[1]}, previous),
                        "prlimit64(RLIMIT_NOFILE, soft 16)")) {
            return;
        }
        c.equal(old[0], previous[0], "prlimit64's old soft limit");
        long[] now = new long[2];
        c.returned(0, Linux.getrlimit(Resources.RLIMIT_NOFILE, now), "getrlimit after prlimit64");
        c.equal(16, now[0], "the new soft limit");
        int[] opened = new int[16];
        int count = 0;
        long r = 0;
        while (count < opened.length) {
            r = Linux.fcntl(0, Fcntl.F_DUPFD_CLOEXEC, 0);
            if (r < 0) {
                break;
            }
            opened[count++] = (int) r;
            c.isTrue(r < 16, "F_DUPFD gave descriptor " + r + " at or above the limit 16");
        }
        c.fails(Errno.EMFILE, r, "F_DUPFD once descriptors 0..15 are taken");
        c.fails(Errno.EBADF, Linux.dup3(0, 16, 0), "dup3(0, 16) at the limit");
        c.fails(Errno.EINVAL, Linux.fcntl(0, Fcntl.F_DUPFD, 16), "fcntl(F_DUPFD, 16) at the limit");
        for (int i = 0; i < count; i++) {
            Linux.close(opened[i]);
        }
        c.returned(0, Linux.prlimit64(0, Resources.RLIMIT_NOFILE, old, null), "prlimit64 back to the old limits");
    }

    private static void tidIsPid(Check c) {
        long pid = Linux.getpid();
        c.isTrue(pid > 0, "getpid " + pid);
        c.equal(pid, Linux.gettid(), "gettid of the only thread");
        c.equal(pid, Linux.getpid(), "getpid again");
    }

    private static void yield(Check c) {
        for (int i = 0; i < 100 && c.passed(); i++) {
            c.returned(0, Linux.sched_yield(), "sched_yield");
        }
    }

    /** syscall(2): a number the kernel has no call for fails with ENOSYS. */
    private static void unknownNumber(Check c) {
        c.fails(Errno.ENOSYS, Linux.call(500), "system call 500");
        c.fails(Errno.ENOSYS, Linux.call(1000), "system call 1000");
        c.fails(Errno.ENOSYS, Linux.call(244), "system call 244 (arch-specific, none on arm64)");
    }
}
