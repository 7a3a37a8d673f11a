package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.RawMemory;
import lichen.usertest.sys.Resources;
import lichen.usertest.sys.Signals;

/**
 * The main thread's stack grows on demand (getrlimit(2), RLIMIT_STACK; Linux's
 * expand_stack): execve maps a small [stack] area, a store below it within
 * RLIMIT_STACK extends it to that page, and one past the limit is SIGSEGV.
 * Each store is made by a forked child, which reports through its exit status.
 */
public final class StackGrowthTests {
    private StackGrowthTests() {}

    private static final long KIB = 1024;

    public static void register(TestList list) {
        list.add("stack_area_starts_small_and_grows_to_a_store_below_it", StackGrowthTests::grows);
        list.add("stack_store_past_rlimit_stack_sigsegv", StackGrowthTests::pastLimit);
    }

    /** [stack]'s start and end in /proc/self/maps, or null. */
    static long[] stackArea() {
        String maps = Files.text("/proc/self/maps", 64 * 1024);
        int at = maps == null ? -1 : maps.indexOf("[stack]");
        if (at < 0) return null;
        int line = maps.lastIndexOf('\n', at) + 1, dash = maps.indexOf('-', line), space = maps.indexOf(' ', dash);
        return new long[] {Long.parseUnsignedLong(maps.substring(line, dash), 16), Long.parseUnsignedLong(maps.substring(dash + 1, space), 16)};
    }

    private static void grows(Check c) {
        long[] before = stackArea();
        if (!c.isTrue(before != null, "a [stack] line in /proc/self/maps")) return;
        long size = before[1] - before[0];
        c.isTrue(size <= 4096 * KIB, "the stack area is small, not all of RLIMIT_STACK: " + size / KIB + " KiB");
        long pid = Processes.fork();
        if (pid == 0) {
            long[] s = stackArea();
            long target = s[0] - 512 * KIB - 123;
            RawMemory.store8(target, 7);
            long[] after = stackArea();
            int status = RawMemory.load8(target) != 7 ? 3 : after == null ? 4 : after[0] != (target & -4096L) ? 5 : after[1] != s[1] ? 6 : 0;
            Processes.childExit(status);
        }
        if (c.succeeded(pid, "clone")) {
            long st = Processes.waitFor(pid);
            c.equal(0, st, "the child's store 512 KiB below the stack (status 3: not read back, 5: [stack] not grown to its page)");
        }
    }

    private static void pastLimit(Check c) {
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.prepareToDie();
            long[] s = stackArea();
            if (s == null) Processes.childExit(3);
            LinuxSystem.setrlimit(Resources.RLIMIT_STACK, new long[] {1024 * KIB, Resources.RLIM_INFINITY});
            RawMemory.store8(s[1] - 2048 * KIB, 1); // twice the limit below the top
            Processes.childExit(4);
        }
        if (c.succeeded(pid, "clone")) Processes.expectKilledBy(c, pid, Signals.SIGSEGV, "a store past RLIMIT_STACK (exit 4: it did not fault)");
    }
}
