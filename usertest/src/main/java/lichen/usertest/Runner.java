package lichen.usertest;

import lichen.usertest.sys.Clocks;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.WaitStatus;

/**
 * Runs tests and prints one line per test: {@code PASS name},
 * {@code FAIL name: why} or {@code SKIP name: why}. Each test runs in a forked
 * child (unless forking is turned off), so a test that crashes or hangs
 * fails on its own: the child reports its verdict through a pipe ("P", or
 * "F" and the reason), and a
 * child killed by a signal (SIGALRM after the time limit, SIGSEGV for a
 * kernel that faults instead of returning EFAULT) is a failure.
 */
public final class Runner {
    private final String scratchRoot;
    private final boolean fork;
    private final int timeoutSeconds;
    private int passed;
    private int failed;
    private int skipped;

    public Runner(String scratchRoot, boolean fork, int timeoutSeconds) {
        this.scratchRoot = scratchRoot;
        this.fork = fork;
        this.timeoutSeconds = timeoutSeconds;
    }

    public void skip(TestCase test, String why) {
        skipped++;
        System.out.println("SKIP " + test.name() + ": " + why);
    }

    public void run(TestCase test) {
        String scratch = scratchRoot + "/" + test.name();
        long made = ScratchDirectory.make(scratch);
        String failure;
        if (made < 0) {
            failure = "cannot make scratch directory " + scratch + ": " + Errno.describe(made);
        } else {
            failure = fork ? runInChild(test, scratch) : runHere(test, scratch);
            String leftovers = ScratchDirectory.removeReportingLeftovers(scratch);
            if (failure == null && leftovers != null) {
                failure = "left files in its scratch directory: " + leftovers;
            }
        }
        if (failure == null) {
            passed++;
            System.out.println("PASS " + test.name());
        } else {
            failed++;
            System.out.println("FAIL " + test.name() + ": " + failure);
        }
        System.out.flush();
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failed;
    }

    /** The closing line: "N passed, N failed" (and ", N skipped" when some were). */
    public String summary() {
        String s = passed + " passed, " + failed + " failed";
        return skipped > 0 ? s + ", " + skipped + " skipped" : s;
    }

    private static String runHere(TestCase test, String scratch) {
        Check check = new Check(scratch);
        test.body().run(check);
        return check.failure();
    }

    private String runInChild(TestCase test, String scratch) {
        int[] verdict = new int[2];
        long r = Linux.pipe2(verdict, 0);
        if (r < 0) {
            return "pipe2 for the verdict: " + Errno.describe(r);
        }
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(verdict[0]);
            // A time limit: SIGALRM's default action ends the child (setitimer(2), ITIMER_REAL).
            Linux.setitimer(Clocks.ITIMER_REAL, new long[] {0, 0, timeoutSeconds, 0}, null);
            String failure = runHere(test, scratch);
            byte[] message = Bytes.ascii(failure == null ? "P" : "F" + failure);
            Linux.write(verdict[1], message, 0, message.length);
            System.out.flush();
            System.err.flush();
            Processes.childExit(0);
        }
        Linux.close(verdict[1]);
        if (pid < 0) {
            Linux.close(verdict[0]);
            return "fork: " + Errno.describe(pid);
        }
        byte[] buf = new byte[4096];
        long n = Files.readFully(verdict[0], buf, buf.length);
        Linux.close(verdict[0]);
        long status = Processes.waitFor(pid);
        if (status < 0) {
            return "wait4: " + Errno.describe(status);
        }
        int s = (int) status;
        if (WaitStatus.signaled(s)) {
            if (WaitStatus.termSignal(s) == Signals.SIGALRM) {
                return "timed out after " + timeoutSeconds + " s";
            }
            return "the test's process was killed by signal " + WaitStatus.termSignal(s);
        }
        if (!WaitStatus.exited(s) || WaitStatus.exitStatus(s) != 0) {
            return "the test's process " + WaitStatus.describe(s);
        }
        if (n < 0) {
            return "reading the verdict: " + Errno.describe(n);
        }
        if (n == 0) {
            return "the test's process ended without a verdict";
        }
        if (buf[0] == 'P' && n == 1) {
            return null;
        }
        char[] chars = new char[(int) n - 1];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (buf[i + 1] & 0xff);
        }
        return new String(chars);
    }
}
