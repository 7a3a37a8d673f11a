package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Main;
import lichen.usertest.Pipes;
import lichen.usertest.TestList;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Dirent64;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Futex;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Ptrace;
import lichen.usertest.sys.Stat;
import lichen.usertest.sys.Timespec;

/**
 * The per-process files of /proc that ps, top and pgrep read (man 5 proc):
 * /proc/self/stat's fields, statm against maps, status's ids, cmdline
 * against argv, task/ with a second thread, fd/ links; and the
 * system-wide uptime and loadavg.
 */
public final class ProcTests {
    private ProcTests() {}

    public static void register(TestList list) {
        list.add("proc_self_stat_52_fields_pid_comm_state_ppid_groups", ProcTests::stat);
        list.add("proc_self_stat_addresses_hold_code_stack_argv_environ", ProcTests::statAddresses);
        list.add("proc_self_statm_size_is_the_total_of_maps", ProcTests::statmIsMaps);
        list.add("proc_self_status_name_state_pid_ppid_tgid_threads", ProcTests::status);
        list.add("proc_self_cmdline_is_argv", ProcTests::cmdline);
        list.add("proc_self_task_lists_each_thread", ProcTests::tasks);
        list.add("proc_self_fd_links_name_the_file_and_the_pipe", ProcTests::fdLinks);
        list.add("proc_uptime_grows_loadavg_counts_threads", ProcTests::uptimeAndLoad);
    }

    /**
     * /proc/self/stat: "pid (comm) state ppid pgrp session ..." and 52 fields
     * in all on Linux 6.x; num_threads (20) is 1; starttime (22) is in clock
     * ticks since boot, so no later than /proc/uptime says it is now.
     */
    private static void stat(Check c) {
        String line = Files.contents(c, "/proc/self/stat");
        String[] f = line == null ? null : statFields(c, line);
        if (f == null) {
            return;
        }
        c.equal(52, f.length, "fields in /proc/self/stat");
        c.equal(Linux.getpid(), number(f[0]), "pid");
        c.equal("usertest", f[1], "comm");
        c.equal("R", f[2], "state of the process reading its own stat");
        c.equal(Linux.getppid(), number(f[3]), "ppid");
        c.equal(Linux.getpgid(0), number(f[4]), "pgrp");
        c.equal(Linux.getsid(0), number(f[5]), "session");
        if (f.length < 52) {
            return;
        }
        c.isTrue(number(f[9]) > 0, "minflt " + f[9] + ": the process has faulted its pages in");
        c.equal(1, number(f[19]), "num_threads");
        c.equal(0, number(f[20]), "itrealvalue");
        String up = Files.contents(c, "/proc/uptime");
        if (up != null) {
            long ticksNow = number(up.substring(0, up.indexOf('.'))) * 100 + number(up.substring(up.indexOf('.') + 1, up.indexOf('.') + 3));
            long start = number(f[21]);
            c.isTrue(start >= 0 && start <= ticksNow + 1, "starttime " + start + " ticks is no later than the uptime, " + ticksNow);
        }
        c.isTrue(number(f[22]) > 0 && number(f[22]) % 4096 == 0, "vsize " + f[22] + " is whole pages");
        c.isTrue(number(f[23]) > 0, "rss " + f[23] + " pages");
        c.equal(17, number(f[37]), "exit_signal is SIGCHLD");
    }

    /**
     * /proc/self/stat's addresses (proc(5)): startcode..endcode (26, 27) hold the program's
     * text, startstack (28) lies in [stack], arg_start..arg_end (48, 49) holds the argument
     * strings /proc/self/cmdline reads, env_start..env_end (50, 51) the environment's, and
     * start_brk (47) is no higher than the break now.
     */
    private static void statAddresses(Check c) {
        String line = Files.contents(c, "/proc/self/stat");
        String[] f = line == null ? null : statFields(c, line);
        if (f == null || !c.equal(52, f.length, "fields in /proc/self/stat")) return;
        long startCode = number(f[25]), endCode = number(f[26]), startStack = number(f[27]);
        long startData = number(f[44]), endData = number(f[45]), startBrk = number(f[46]);
        long argStart = number(f[47]), argEnd = number(f[48]), envStart = number(f[49]), envEnd = number(f[50]);
        c.isTrue(startCode > 0 && startCode < endCode, "startcode " + startCode + " below endcode " + endCode);
        c.isTrue(endCode <= startData && startData < endData, "start_data " + startData + " above the code, below end_data " + endData);
        c.isTrue(endData <= startBrk && startBrk <= Linux.brk(0), "start_brk " + startBrk + " above the data, at most the break");
        String maps = Files.contents(c, "/proc/self/maps");
        c.isTrue(maps != null && inArea(maps, startStack, "[stack]"), "startstack " + Long.toHexString(startStack) + " in [stack]");
        c.isTrue(startStack < argStart && argStart < argEnd && argEnd == envStart && envStart <= envEnd,
                "the stack pointer, then the argument strings, then the environment's");
        String cmdline = Files.contents(c, "/proc/self/cmdline");
        byte[] args = new byte[(int) (argEnd - argStart)];
        long[] local = {Ptrace.address(args), args.length}, remote = {argStart, args.length};
        if (cmdline != null && c.returned(args.length, Ptrace.processVmReadv(Linux.getpid(), local, remote, 0), "read arg_start..arg_end")) {
            c.equal(cmdline, new String(args, java.nio.charset.StandardCharsets.ISO_8859_1), "the argument strings are cmdline's");
        }
        String environ = Files.contents(c, "/proc/self/environ");
        c.equal(environ == null ? -1 : environ.length(), envEnd - envStart, "env_end - env_start is environ's length");
        c.isTrue(maps != null && inExecutableArea(maps, startCode) && inExecutableArea(maps, endCode - 1),
                "startcode..endcode lie in an r-xp mapping");
    }

    /** Whether {@code at} lies in a line of {@code maps} that ends with {@code name}. */
    private static boolean inArea(String maps, long at, String name) {
        return inArea(maps, at, name, null);
    }

    private static boolean inExecutableArea(String maps, long at) {
        return inArea(maps, at, "", "r-xp");
    }

    /** Whether {@code at} lies in a line of {@code maps} that ends with {@code name} and has permissions {@code perms} (any if null). */
    private static boolean inArea(String maps, long at, String name, String perms) {
        for (int at0 = 0, eol; at0 < maps.length(); at0 = eol + 1) {
            eol = maps.indexOf('\n', at0);
            if (eol < 0) eol = maps.length();
            String l = maps.substring(at0, eol);
            if (!l.endsWith(name) || (perms != null && !l.contains(" " + perms + " "))) continue;
            int dash = l.indexOf('-'), space = l.indexOf(' ');
            long from = Long.parseUnsignedLong(l.substring(0, dash), 16), to = Long.parseUnsignedLong(l.substring(dash + 1, space), 16);
            if (at >= from && at < to) return true;
        }
        return false;
    }

    /** statm's size is total_vm: every mapping in /proc/self/maps, in pages. */
    private static void statmIsMaps(Check c) {
        byte[] statm = new byte[256], maps = new byte[64 * 1024], again = new byte[256];
        long n1 = read(c, "/proc/self/statm", statm);
        long nm = read(c, "/proc/self/maps", maps);
        long n2 = read(c, "/proc/self/statm", again);
        if (n1 < 0 || nm < 0 || n2 < 0) {
            return;
        }
        String before = CString.decode(statm, 0, (int) n1), after = CString.decode(again, 0, (int) n2);
        String[] s = words(before);
        c.equal(7, s.length, "fields in statm: " + before);
        if (!c.equal(s[0], words(after)[0], "statm's size before and after reading maps (nothing was mapped between)")) {
            return;
        }
        long pages = 0;
        int lines = 0;
        String text = CString.decode(maps, 0, (int) nm);
        for (int at = 0; at < text.length(); ) {
            int dash = text.indexOf('-', at), space = text.indexOf(' ', at), end = text.indexOf('\n', at);
            if (dash < 0 || space < dash || end < 0) {
                break;
            }
            pages += (hex(text.substring(dash + 1, space)) - hex(text.substring(at, dash))) / 4096;
            lines++;
            at = end + 1;
        }
        c.isTrue(lines > 3, lines + " lines in maps");
        c.equal(pages, number(s[0]), "statm size against the pages of maps");
        c.isTrue(number(s[1]) > 0 && number(s[1]) <= number(s[0]), "resident " + s[1] + " of size " + s[0]);
        c.isTrue(number(s[2]) <= number(s[1]), "shared " + s[2] + " of resident " + s[1]);
        c.equal(0, number(s[4]), "lib (0 since Linux 2.6)");
        c.equal(0, number(s[6]), "dt (0 since Linux 2.6)");
    }

    /** status: "Name:", "State:", "Tgid:", "Pid:", "PPid:", "Threads:", "Umask:", each a tab after the colon. */
    private static void status(Check c) {
        String s = Files.contents(c, "/proc/self/status");
        if (s == null) {
            return;
        }
        c.equal("usertest", field(s, "Name"), "Name");
        c.equal("R (running)", field(s, "State"), "State");
        c.equal(Long.toString(Linux.getpid()), field(s, "Tgid"), "Tgid");
        c.equal(Long.toString(Linux.getpid()), field(s, "Pid"), "Pid");
        c.equal(Long.toString(Linux.getppid()), field(s, "PPid"), "PPid");
        c.equal("1", field(s, "Threads"), "Threads");
        long mask = LinuxSystem.umask(022);
        LinuxSystem.umask((int) mask);
        String octal = Long.toOctalString(mask);
        while (octal.length() < 4) {
            octal = "0" + octal;
        }
        c.equal(octal, field(s, "Umask"), "Umask");
        String size = field(s, "VmSize");
        c.isTrue(size != null && size.endsWith(" kB") && number(size.substring(0, size.length() - 3).trim()) > 0, "VmSize " + size);
        String rss = field(s, "VmRSS");
        c.isTrue(rss != null && rss.endsWith(" kB") && number(rss.substring(0, rss.length() - 3).trim()) > 0, "VmRSS " + rss);
        c.equal("0000000000000000", field(s, "SigPnd"), "SigPnd");
    }

    /** cmdline: the program's argv, each string followed by a NUL. */
    private static void cmdline(Check c) {
        byte[] buf = new byte[8192];
        long n = read(c, "/proc/self/cmdline", buf);
        if (n <= 0) {
            c.isTrue(n > 0, "cmdline is not empty");
            return;
        }
        String text = CString.decode(buf, 0, (int) n);
        c.isTrue(text.endsWith("\0"), "cmdline ends with a NUL");
        int first = text.indexOf('\0');
        c.isTrue(first > 0 && text.substring(0, first).endsWith("usertest"), "argv[0] " + text.substring(0, Math.max(0, first)));
        StringBuilder expected = new StringBuilder(text.substring(0, first + 1));
        for (String a : Main.arguments()) {
            expected.append(a).append('\0');
        }
        c.equal(expected.toString(), text, "cmdline against argv");
    }

    /** task/ names every thread of the process; a thread's own task/TID/stat and status are its. */
    private static void tasks(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        int[] words = {0, -1};
        long base = Linux.address(words);
        byte[] buf = new byte[1];
        long top = ThreadTests.stack();
        long tid = top < 0 ? top : Linux.threadThen(ThreadTests.THREAD_FLAGS, top, base, base + 4,
                                                  lichen.usertest.sys.SyscallNumbers.READ, hold[0], Linux.address(buf), 1);
        if (c.succeeded(tid, "clone(a thread blocked in read)")) {
            String names = directory(c, "/proc/self/task");
            String pid = Long.toString(Linux.getpid()), t = Long.toString(tid);
            c.isTrue(names != null && (names.equals(pid + " " + t) || names.equals(t + " " + pid)),
                     "task/ lists " + pid + " and " + t + ": " + names);
            String status = Files.contents(c, "/proc/self/task/" + t + "/status");
            if (status != null) {
                c.equal(t, field(status, "Pid"), "the thread's Pid");
                c.equal(pid, field(status, "Tgid"), "the thread's Tgid");
                c.equal("2", field(status, "Threads"), "Threads");
            }
            String[] f = null;
            for (int i = 0; i < 200 && c.passed(); i++) { // until the new thread has reached its read
                String stat = Files.contents(c, "/proc/self/task/" + t + "/stat");
                f = stat == null ? null : statFields(c, stat);
                if (f == null || f.length < 3 || f[2].equals("S")) {
                    break;
                }
                LinuxSystem.nanosleep(Timespec.ofNanos(5_000_000L).encode(), null);
            }
            if (f != null) {
                c.equal(tid, number(f[0]), "the thread's stat pid");
                c.equal(52, f.length, "fields in the thread's stat");
                c.equal("S", f[2], "the thread asleep in read");
            }
        }
        Pipes.close(hold); // the thread's read ends at EOF; it exits and its word is cleared
        for (int i = 0; i < 500 && tid > 0 && words[1] != 0; i++) {
            Linux.futex(base + 4, Futex.FUTEX_WAIT, words[1], Timespec.ofNanos(10_000_000L).encode(), 0, 0);
        }
        if (tid > 0) {
            c.equal(0, words[1], "the thread's tid word after it exited");
        }
        if (top > 0) {
            Linux.munmap(top - ThreadTests.STACK_SIZE, ThreadTests.STACK_SIZE);
        }
    }

    /** fd/N is a symbolic link to the path the descriptor was opened by; a pipe's reads "pipe:[INODE]". */
    private static void fdLinks(Check c) {
        String path = c.path("linked");
        if (!Files.create(c, path, "x")) {
            return;
        }
        long fd = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0);
        if (c.succeeded(fd, "openat")) {
            c.equal(path, link(c, "/proc/self/fd/" + fd), "fd/" + fd);
            String info = Files.contents(c, "/proc/self/fdinfo/" + fd);
            c.isTrue(info != null && info.startsWith("pos:\t0\nflags:\t"), "fdinfo starts with pos and flags: " + info);
            Linux.close((int) fd);
            c.fails(lichen.usertest.sys.Errno.ENOENT, Linux.readlinkat(Fcntl.AT_FDCWD, "/proc/self/fd/" + fd, new byte[64], 64),
                    "readlink of a closed descriptor's fd/ entry");
        }
        int[] p = Pipes.open(c);
        if (p != null) {
            byte[] st = new byte[Stat.SIZE];
            if (c.returned(0, Linux.fstat(p[0], st), "fstat(pipe)")) {
                c.equal("pipe:[" + Stat.decode(st).ino() + "]", link(c, "/proc/self/fd/" + p[0]), "a pipe's fd/ link");
            }
            Pipes.close(p);
        }
        Files.unlink(c, path);
    }

    /** uptime's first figure grows as time passes; loadavg's "running/threads" counts at least this thread. */
    private static void uptimeAndLoad(Check c) {
        String first = Files.contents(c, "/proc/uptime");
        LinuxSystem.nanosleep(Timespec.ofNanos(60_000_000L).encode(), null);
        String second = Files.contents(c, "/proc/uptime");
        if (first == null || second == null) {
            return;
        }
        String[] a = words(first.trim()), b = words(second.trim());
        if (c.equal(2, a.length, "figures in /proc/uptime: " + first) && c.equal(2, b.length, "figures in /proc/uptime: " + second)) {
            c.isTrue(hundredths(b[0]) - hundredths(a[0]) >= 5, "uptime grew from " + a[0] + " to " + b[0] + " over 60 ms");
            c.isTrue(hundredths(a[1]) >= 0, "idle " + a[1]);
        }
        String load = Files.contents(c, "/proc/loadavg");
        String[] l = load == null ? new String[0] : words(load.trim());
        if (c.equal(5, l.length, "fields in /proc/loadavg: " + load)) {
            for (int i = 0; i < 3; i++) {
                c.isTrue(hundredths(l[i]) >= 0 && l[i].indexOf('.') == l[i].length() - 3, "average " + l[i]);
            }
            int slash = l[3].indexOf('/');
            long running = slash > 0 ? number(l[3].substring(0, slash)) : -1, threads = slash > 0 ? number(l[3].substring(slash + 1)) : -1;
            c.isTrue(running >= 1 && threads >= running, "running/threads " + l[3]);
            c.isTrue(number(l[4]) > 0, "the last pid " + l[4]);
        }
    }

    /** The fields of a stat line: the pid, the comm between the parentheses, then the rest split at spaces. */
    static String[] statFields(Check c, String line) {
        int open = line.indexOf('('), close = line.lastIndexOf(')');
        if (!c.isTrue(open > 0 && close > open, "a stat line \"pid (comm) ...\": " + line)) {
            return null;
        }
        String[] rest = words(line.substring(close + 1).trim());
        String[] f = new String[rest.length + 2];
        f[0] = line.substring(0, open).trim();
        f[1] = line.substring(open + 1, close);
        System.arraycopy(rest, 0, f, 2, rest.length);
        return f;
    }

    /** The words of {@code s} between single spaces (or newlines). */
    static String[] words(String s) {
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            if ((i == 0 || isSpace(s.charAt(i - 1))) && !isSpace(s.charAt(i))) {
                count++;
            }
        }
        String[] w = new String[count];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < s.length() && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                w[n++] = s.substring(start, i);
            }
        }
        return w;
    }

    private static boolean isSpace(char ch) { return ch == ' ' || ch == '\n' || ch == '\t'; }

    /** The value after "NAME:\t" on its line of a status file, or null. */
    static String field(String status, String name) {
        String key = name + ":\t";
        int start;
        if (status.startsWith(key)) {
            start = key.length();
        } else {
            int at = status.indexOf("\n" + key);
            if (at < 0) {
                return null;
            }
            start = at + 1 + key.length();
        }
        int end = status.indexOf('\n', start);
        return status.substring(start, end < 0 ? status.length() : end);
    }

    /** A decimal number (negative allowed), or Long.MIN_VALUE when {@code s} is not one. */
    static long number(String s) {
        if (s == null || s.isEmpty()) {
            return Long.MIN_VALUE;
        }
        boolean negative = s.charAt(0) == '-';
        long v = 0;
        for (int i = negative ? 1 : 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (ch - '0');
        }
        return negative ? -v : v;
    }

    /** "12.34" in hundredths (1234), or -1. */
    static long hundredths(String s) {
        int dot = s.indexOf('.');
        if (dot <= 0 || dot != s.length() - 3) {
            return -1;
        }
        long whole = number(s.substring(0, dot)), frac = number(s.substring(dot + 1));
        return whole < 0 || frac < 0 ? -1 : whole * 100 + frac;
    }

    private static long hex(String s) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            v = v * 16 + (ch <= '9' ? ch - '0' : ch - 'a' + 10);
        }
        return v;
    }

    /** Reads the whole of {@code path} into {@code buf}; the length, or a negative errno (recorded). */
    static long read(Check c, String path, byte[] buf) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0);
        if (!c.succeeded(fd, "openat(" + path + ")")) {
            return fd;
        }
        long n = Files.readFully((int) fd, buf, buf.length);
        Linux.close((int) fd);
        c.succeeded(n, "read(" + path + ")");
        return n;
    }

    private static String link(Check c, String path) {
        byte[] buf = new byte[512];
        long n = Linux.readlinkat(Fcntl.AT_FDCWD, path, buf, buf.length);
        return c.succeeded(n, "readlink(" + path + ")") ? CString.decode(buf, 0, (int) n) : null;
    }

    /** The names in a directory but . and .., in the order it lists them, separated by spaces; or null. */
    private static String directory(Check c, String path) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_DIRECTORY | Fcntl.O_CLOEXEC, 0);
        if (!c.succeeded(fd, "openat(" + path + ")")) {
            return null;
        }
        StringBuilder names = new StringBuilder();
        byte[] buf = new byte[4096];
        long n;
        while ((n = Linux.getdents64((int) fd, buf, buf.length)) > 0) {
            for (int at = 0; at < n; ) {
                Dirent64 d = Dirent64.at(buf, at, (int) n);
                if (d == null) {
                    break;
                }
                at += d.reclen();
                if (!d.name().equals(".") && !d.name().equals("..")) {
                    names.append(names.length() > 0 ? " " : "").append(d.name());
                }
            }
        }
        Linux.close((int) fd);
        return names.toString();
    }
}
