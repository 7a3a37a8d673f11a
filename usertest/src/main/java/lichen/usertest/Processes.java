package lichen.usertest;

import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Resources;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.WaitStatus;

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

    /**
     * A child that blocks reading {@code hold[0]} until it is killed (a kill
     * test's target): should the kill fail, the parent's close of
     * {@code hold[1]} gives it end-of-file and it exits 0, a failure rather
     * than a hang. Returns what {@link #fork} returns, in the parent.
     */
    public static long forkBlockedReader(int[] hold) {
        long pid = fork();
        if (pid == 0) {
            Linux.close(hold[1]);
            byte[] b = new byte[1];
            Linux.read(hold[0], b, 0, 1);
            childExit(0);
        }
        return pid;
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

    /**
     * For a forked child that is about to die of a signal on purpose: no core
     * file (RLIMIT_CORE 0, getrlimit(2)) and stderr on /dev/null, where
     * qemu-user reports a target's uncaught signal.
     */
    public static void prepareToDie() {
        LinuxSystem.setrlimit(Resources.RLIMIT_CORE, new long[] {0, 0});
        long fd = Linux.openat(Fcntl.AT_FDCWD, "/dev/null", Fcntl.O_WRONLY, 0);
        if (fd >= 0) {
            Linux.dup3((int) fd, 2, 0);
        }
    }

    /**
     * Checks that {@code pid}'s wait status says it was killed by {@code signal}
     * (WIFSIGNALED, WTERMSIG: wait(2)); the child reports how far it got in
     * its exit status when it was not.
     */
    public static void expectKilledBy(Check c, long pid, int signal, String what) {
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        int[] status = new int[1];
        if (c.returned(pid, Linux.wait4(pid, status, 0), "wait4")) {
            c.isTrue(WaitStatus.signaled(status[0]) && WaitStatus.termSignal(status[0]) == signal,
                     what + ": expected death by signal " + signal + ", got " + WaitStatus.describe(status[0]));
        }
    }

    /** What a forked child computes: numbers for the parent to check. */
    @FunctionalInterface
    public interface ChildWork {
        long[] run();
    }

    /**
     * Runs {@code work} in a forked child, which writes its {@code count}
     * answers into a pipe as 64-bit values and exits 0: the answers, or null
     * with the failure recorded (the child is reaped either way).
     */
    public static long[] answersFromChild(Check c, int count, ChildWork work) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return null;
        }
        long pid = fork();
        if (pid == 0) {
            long[] answers = work.run();
            byte[] b = new byte[8 * count];
            for (int i = 0; i < count && i < answers.length; i++) {
                LittleEndian.put64(b, 8 * i, answers[i]);
            }
            Linux.write(p[1], b, 0, b.length);
            childExit(0);
        }
        Linux.close(p[1]);
        byte[] b = new byte[8 * count];
        long n = Files.readFully(p[0], b, b.length);
        Linux.close(p[0]);
        if (!c.succeeded(pid, "clone")) {
            return null;
        }
        long status = waitFor(pid);
        if (!c.equal(0, status, "the child's wait status") || !c.returned(b.length, n, "the child's answers")) {
            return null;
        }
        long[] answers = new long[count];
        for (int i = 0; i < count; i++) {
            answers[i] = LittleEndian.u64(b, 8 * i);
        }
        return answers;
    }

    /** Ends a forked child at once: exit_group without running the runtime's exit path. */
    public static void childExit(int status) {
        Linux.exit_group(status);
    }
}
