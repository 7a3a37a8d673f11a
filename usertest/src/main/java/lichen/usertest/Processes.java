package lichen.usertest;

import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Signals;

/** fork and wait for the tests. */
public final class Processes {
    private Processes() {}

    /**
     * fork(2) as clone(SIGCHLD): 0 in the child, the child's pid in the
     * parent, or a negative errno. Buffered output is flushed first, so the
     * child does not print the parent's pending text a second time.
     */
    public static long fork() {
        System.out.flush();
        System.err.flush();
        return Linux.clone(Signals.SIGCHLD);
    }

    /** Waits for {@code pid}: its wait status, or the negative errno of wait4. */
    public static long waitFor(long pid) {
        int[] status = new int[1];
        long r = Linux.wait4(pid, status, 0);
        if (r < 0) {
            return r;
        }
        return status[0];
    }

    /** Ends a forked child at once: exit_group without running the runtime's exit path. */
    public static void childExit(int status) {
        Linux.exit_group(status);
    }
}
