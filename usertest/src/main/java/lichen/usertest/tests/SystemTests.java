package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Clocks;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Resources;
import lichen.usertest.sys.Stat;
import lichen.usertest.sys.Sysinfo;
import lichen.usertest.sys.Timespec;
import lichen.usertest.sys.Utsname;

/**
 * What a process asks about the system and itself: uname(2), sysinfo(2),
 * getrlimit(2) and prlimit64, gettid(2), sched_yield(2), syscall(2) with a
 * number the kernel does not have, umask(2), prctl(2) PR_SET_NAME,
 * getrandom(2), getrusage(2), times(2), sched_getaffinity(2).
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
        list.add("umask_returns_previous_and_masks_new_files", SystemTests::umask);
        list.add("prctl_set_name_get_name_truncates", SystemTests::prctlName);
        list.add("getrandom_fills_buffer_bad_flags_einval", SystemTests::getrandom);
        list.add("getrusage_self_and_children", SystemTests::getrusage);
        list.add("times_clock_ticks_advance", SystemTests::times);
        list.add("sched_getaffinity_includes_a_cpu", SystemTests::affinity);
        list.add("membarrier_query_register_private_expedited", SystemTests::membarrier);
    }

    private static void uname(Check c) {
        byte[] buf = new byte[Utsname.SIZE];
        if (c.returned(0, LinuxSystem.uname(buf), "uname")) {
            Utsname u = Utsname.decode(buf);
            c.equal("Linux", u.sysname(), "sysname");
            c.equal("aarch64", u.machine(), "machine");
            c.isTrue(!u.release().isEmpty() && Character.isDigit(u.release().charAt(0)),
                     "release \"" + u.release() + "\" starts with a digit");
            c.isTrue(!u.nodename().isEmpty(), "nodename is set");
        }
    }

    private static void unameBadPointer(Check c) {
        c.fails(Errno.EFAULT, LinuxSystem.uname(0xdead0000L), "uname(0xdead0000)");
        c.fails(Errno.EFAULT, LinuxSystem.uname(1L), "uname(1)");
    }

    /**
     * sysinfo(2): uptime is "seconds since boot" (CLOCK_BOOTTIME, rounded up);
     * the memory figures are counts of mem_unit bytes and cannot exceed the total.
     */
    private static void sysinfo(Check c) {
        byte[] buf = new byte[Sysinfo.SIZE];
        byte[] boot = new byte[Timespec.SIZE];
        if (!c.returned(0, LinuxSystem.sysinfo(buf), "sysinfo")
                || !c.returned(0, LinuxSystem.clock_gettime(Clocks.CLOCK_BOOTTIME, boot), "clock_gettime(BOOTTIME)")) {
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
        c.fails(Errno.EFAULT, LinuxSystem.sysinfo(0xdead0000L), "sysinfo(0xdead0000)");
    }

    /** rlim_cur never exceeds rlim_max (RLIM_INFINITY is the largest unsigned value). */
    private static boolean ordered(long[] limit) {
        return Long.compareUnsigned(limit[0], limit[1]) <= 0;
    }

    private static void limits(Check c) {
        long[] stack = {-2, -2};
        if (c.returned(0, LinuxSystem.getrlimit(Resources.RLIMIT_STACK, stack), "getrlimit(RLIMIT_STACK)")) {
            c.isTrue(ordered(stack), "stack soft limit " + stack[0] + " within the hard " + stack[1]);
            c.isTrue(Long.compareUnsigned(stack[0], 128 * 1024) >= 0, "stack soft limit " + stack[0] + " is at least 128 KiB");
        }
        long[] files = {-2, -2};
        if (c.returned(0, LinuxSystem.getrlimit(Resources.RLIMIT_NOFILE, files), "getrlimit(RLIMIT_NOFILE)")) {
            c.isTrue(ordered(files), "open-file soft limit " + files[0] + " within the hard " + files[1]);
            c.isTrue(files[0] >= 16 && files[0] != Resources.RLIM_INFINITY, "open-file soft limit " + files[0] + " is finite, at least 16");
            long[] same = {-2, -2};
            if (c.returned(0, LinuxSystem.prlimit64(0, Resources.RLIMIT_NOFILE, null, same), "prlimit64(0, RLIMIT_NOFILE, NULL, old)")) {
                c.equal(files[0], same[0], "prlimit64's soft limit is getrlimit's");
                c.equal(files[1], same[1], "prlimit64's hard limit is getrlimit's");
            }
            c.returned(0, LinuxSystem.prlimit64(Linux.getpid(), Resources.RLIMIT_NOFILE, null, same), "prlimit64(own pid)");
        }
    }

    private static void limitErrors(Check c) {
        long[] limit = new long[2];
        c.fails(Errno.EINVAL, LinuxSystem.getrlimit(Resources.RLIM_NLIMITS, limit), "getrlimit(RLIM_NLIMITS)");
        c.fails(Errno.EINVAL, LinuxSystem.getrlimit(9999, limit), "getrlimit(9999)");
        c.fails(Errno.EINVAL, LinuxSystem.prlimit64(0, 9999, null, limit), "prlimit64(resource 9999)");
        c.fails(Errno.ESRCH, LinuxSystem.prlimit64(0x3fff_fff0L, Resources.RLIMIT_NOFILE, null, limit), "prlimit64(a pid that does not exist)");
        c.fails(Errno.EFAULT, LinuxSystem.getrlimit(Resources.RLIMIT_NOFILE, (long[]) null), "getrlimit(rlim=NULL)");
        if (c.returned(0, LinuxSystem.getrlimit(Resources.RLIMIT_NOFILE, limit), "getrlimit(RLIMIT_NOFILE)")
                && limit[1] != Resources.RLIM_INFINITY) {
            long[] above = {limit[1] + 1, limit[1]};
            c.fails(Errno.EINVAL, LinuxSystem.setrlimit(Resources.RLIMIT_NOFILE, above), "setrlimit(soft above hard)");
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
        if (!c.returned(0, LinuxSystem.getrlimit(Resources.RLIMIT_NOFILE, old), "getrlimit(RLIMIT_NOFILE)")
                || !c.isTrue(old[0] > 16, "the soft limit " + old[0] + " is above 16")) {
            return;
        }
        long[] previous = new long[2];
        // Only the soft limit: raising a hard limit again needs CAP_SYS_RESOURCE.
        if (!c.returned(0, LinuxSystem.prlimit64(0, Resources.RLIMIT_NOFILE, new long[] {16, old[1]}, previous),
                        "prlimit64(RLIMIT_NOFILE, soft 16)")) {
            return;
        }
        c.equal(old[0], previous[0], "prlimit64's old soft limit");
        long[] now = new long[2];
        c.returned(0, LinuxSystem.getrlimit(Resources.RLIMIT_NOFILE, now), "getrlimit after prlimit64");
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
        c.returned(0, LinuxSystem.prlimit64(0, Resources.RLIMIT_NOFILE, old, null), "prlimit64 back to the old limits");
    }

    private static void tidIsPid(Check c) {
        long pid = Linux.getpid();
        c.isTrue(pid > 0, "getpid " + pid);
        c.equal(pid, Linux.gettid(), "gettid of the only thread");
        c.equal(pid, Linux.getpid(), "getpid again");
    }

    private static void yield(Check c) {
        for (int i = 0; i < 100 && c.passed(); i++) {
            c.returned(0, LinuxSystem.sched_yield(), "sched_yield");
        }
    }

    /** syscall(2): a number the kernel has no call for fails with ENOSYS. */
    private static void unknownNumber(Check c) {
        c.fails(Errno.ENOSYS, LinuxSystem.call(500), "system call 500");
        c.fails(Errno.ENOSYS, LinuxSystem.call(1000), "system call 1000");
        c.fails(Errno.ENOSYS, LinuxSystem.call(244), "system call 244 (arch-specific, none on arm64)");
    }

    /** umask(2) returns the previous mask; open(2)'s mode is "mode & ~umask". */
    private static void umask(Check c) {
        long old = LinuxSystem.umask(022);
        c.returned(022, LinuxSystem.umask(027), "umask(027) returns the mask set before");
        String p = c.path("f");
        long fd = Linux.openat(Fcntl.AT_FDCWD, p, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_CLOEXEC, 0666);
        if (c.succeeded(fd, "openat(O_CREAT, 0666)")) {
            Linux.close((int) fd);
            Stat st = Files.stat(c, p, 0);
            if (st != null) {
                c.equal(0640, st.mode() & 0777, "the new file's permissions under umask 027 (octal 640)");
            }
            Files.unlink(c, p);
        }
        c.returned(027, LinuxSystem.umask((int) old), "umask back to the original");
        c.returned(old, LinuxSystem.umask(07777), "the original mask is in place");
        c.returned(0777, LinuxSystem.umask((int) old), "umask keeps only the permission bits of 07777");
    }

    /** prctl(2): PR_SET_NAME sets the thread's name, "silently truncated" to 16 bytes with the NUL. */
    private static void prctlName(Check c) {
        byte[] name = CString.of("usertest-name-too-long");
        if (!c.returned(0, LinuxSystem.prctl(PR_SET_NAME, Linux.address(name)), "prctl(PR_SET_NAME)")) {
            return;
        }
        byte[] got = new byte[16];
        java.util.Arrays.fill(got, (byte) 'x');
        if (c.returned(0, LinuxSystem.prctl(PR_GET_NAME, Linux.address(got)), "prctl(PR_GET_NAME)")) {
            c.equal("usertest-name-t", CString.decodeUntilNul(got, 0, 16), "the name, 15 bytes and a NUL");
            c.equal(0, got[15], "byte 15 is the NUL");
        }
        c.fails(Errno.EFAULT, LinuxSystem.prctl(PR_GET_NAME, 0xdead0000L), "prctl(PR_GET_NAME, 0xdead0000)");
        c.fails(Errno.EINVAL, LinuxSystem.prctl(0x7fff_0000, 0), "prctl(an unknown option)");
    }

    private static final int PR_SET_NAME = 15;
    private static final int PR_GET_NAME = 16;

    /** getrandom(2): fills the buffer (up to 256 bytes never come short); flags beyond GRND_* are EINVAL. */
    private static void getrandom(Check c) {
        byte[] a = new byte[256];
        byte[] b = new byte[256];
        c.returned(256, LinuxSystem.getrandom(a, 256, 0), "getrandom(256 bytes)");
        c.returned(256, LinuxSystem.getrandom(b, 256, 1), "getrandom(256 bytes, GRND_NONBLOCK)");
        c.isTrue(!Bytes.allZero(a, 256), "random bytes are not all zero");
        c.isTrue(!java.util.Arrays.equals(a, b), "two draws differ");
        c.returned(0, LinuxSystem.getrandom(a, 0, 0), "getrandom(0 bytes)");
        c.fails(Errno.EINVAL, LinuxSystem.getrandom(a, 16, 0x1000), "getrandom(unknown flag 0x1000)");
        c.fails(Errno.EFAULT, LinuxSystem.getrandom(0xdead0000L, 16, 0), "getrandom(buf=0xdead0000)");
    }

    private static final int RUSAGE_SELF = 0;
    private static final int RUSAGE_CHILDREN = -1;
    /** struct rusage: ru_utime, ru_stime (timevals: longs 0-3), then ru_maxrss (long 4), in KiB. */
    private static final int RU_MAXRSS = 4;

    /** getrusage(2): ru_maxrss is the "maximum resident set size"; RUSAGE_CHILDREN counts reaped children. */
    private static void getrusage(Check c) {
        long[] self = new long[18];
        if (c.returned(0, LinuxSystem.getrusage(RUSAGE_SELF, self), "getrusage(RUSAGE_SELF)")) {
            c.isTrue(self[RU_MAXRSS] > 0, "ru_maxrss " + self[RU_MAXRSS] + " KiB");
            c.isTrue(self[0] >= 0 && self[1] >= 0 && self[1] < 1_000_000, "ru_utime is a timeval");
        }
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.childExit(0);
        }
        if (c.succeeded(pid, "clone") && c.equal(0, Processes.waitFor(pid), "the child's status")) {
            long[] children = new long[18];
            if (c.returned(0, LinuxSystem.getrusage(RUSAGE_CHILDREN, children), "getrusage(RUSAGE_CHILDREN)")) {
                c.isTrue(children[RU_MAXRSS] > 0, "the reaped child's ru_maxrss " + children[RU_MAXRSS] + " KiB");
            }
        }
        c.fails(Errno.EINVAL, LinuxSystem.getrusage(5, self), "getrusage(who 5)");
        c.fails(Errno.EFAULT, LinuxSystem.getrusage(RUSAGE_SELF, (long[]) null), "getrusage(usage=NULL)");
    }

    /** times(2) returns "the number of clock ticks that have elapsed since an arbitrary point"; sysconf(_SC_CLK_TCK) is 100. */
    private static void times(Check c) {
        long[] tms = {-1, -1, -1, -1};
        long first = LinuxSystem.times(tms);
        if (!c.succeeded(first, "times")) {
            return;
        }
        c.isTrue(tms[0] >= 0 && tms[1] >= 0 && tms[2] >= 0 && tms[3] >= 0, "struct tms holds four counts");
        LinuxSystem.nanosleep(Timespec.ofNanos(30_000_000L).encode(), null);
        long second = LinuxSystem.times(null);
        c.isTrue(second - first >= 2 && second - first < 500, "30 ms are " + (second - first) + " ticks of 10 ms");
    }

    /** sched_getaffinity(2): the raw call returns the size of the CPU set it copied; at least one CPU is set. */
    private static void affinity(Check c) {
        long[] mask = new long[16];
        long n = LinuxSystem.sched_getaffinity(0, mask, 128);
        if (c.succeeded(n, "sched_getaffinity(128 bytes)")) {
            c.isTrue(n >= 8 && n <= 128 && n % 8 == 0, "copied " + n + " bytes, whole longs");
            int cpus = 0;
            for (int i = 0; i < n / 8; i++) {
                cpus += Long.bitCount(mask[i]);
            }
            c.isTrue(cpus >= 1, "the mask holds a CPU");
        }
        c.fails(Errno.EINVAL, LinuxSystem.sched_getaffinity(0, mask, 4), "sched_getaffinity(4 bytes, not a whole long)");
        c.fails(Errno.ESRCH, LinuxSystem.sched_getaffinity(0x3fff_fff0L, mask, 128), "sched_getaffinity(a pid that does not exist)");
    }

    /** membarrier(2)'s commands (include/uapi/linux/membarrier.h). */
    private static final int MB_QUERY = 0, MB_GLOBAL = 1, MB_PRIVATE_EXPEDITED = 8, MB_REGISTER_PRIVATE_EXPEDITED = 16;

    private static void membarrier(Check c) {
        long supported = LinuxSystem.membarrier(MB_QUERY, 0, 0);
        if (c.succeeded(supported, "MEMBARRIER_CMD_QUERY")) {
            c.isTrue((supported & (MB_GLOBAL | MB_PRIVATE_EXPEDITED | MB_REGISTER_PRIVATE_EXPEDITED))
                    == (MB_GLOBAL | MB_PRIVATE_EXPEDITED | MB_REGISTER_PRIVATE_EXPEDITED), "QUERY lists GLOBAL and the private expedited pair: " + supported);
        }
        c.fails(Errno.EPERM, LinuxSystem.membarrier(MB_PRIVATE_EXPEDITED, 0, 0), "PRIVATE_EXPEDITED before registering");
        c.returned(0, LinuxSystem.membarrier(MB_REGISTER_PRIVATE_EXPEDITED, 0, 0), "REGISTER_PRIVATE_EXPEDITED");
        c.returned(0, LinuxSystem.membarrier(MB_PRIVATE_EXPEDITED, 0, 0), "PRIVATE_EXPEDITED once registered");
        c.returned(0, LinuxSystem.membarrier(MB_GLOBAL, 0, 0), "GLOBAL");
        c.fails(Errno.EINVAL, LinuxSystem.membarrier(MB_GLOBAL, 1, 0), "flags on a command that takes none");
        c.fails(Errno.EINVAL, LinuxSystem.membarrier(12345, 0, 0), "no such command");
    }
}
