package lichen.usertest.sys;

/**
 * The wait status that wait4 stores: the W* macros of glibc's
 * bits/waitstatus.h, which follow the kernel's encoding (exit code in bits
 * 8..15, terminating signal in bits 0..6, 0x7f for a stopped child).
 */
public final class WaitStatus {
    private WaitStatus() {}

    public static final int WNOHANG = 1;
    /** wait4's WUNTRACED (waitid's WSTOPPED) and WCONTINUED. */
    public static final int WUNTRACED = 2;
    public static final int WSTOPPED = 2;
    public static final int WCONTINUED = 8;

    /** waitid(2)'s options and id types (include/uapi/linux/wait.h). */
    public static final int WEXITED = 4;
    public static final int WNOWAIT = 0x0100_0000;
    public static final int P_ALL = 0;
    public static final int P_PID = 1;
    public static final int P_PGID = 2;

    public static boolean exited(int status) {
        return (status & 0x7f) == 0;
    }

    public static int exitStatus(int status) {
        return (status >> 8) & 0xff;
    }

    public static boolean signaled(int status) {
        int low = status & 0x7f;
        return low != 0 && low != 0x7f;
    }

    public static int termSignal(int status) {
        return status & 0x7f;
    }

    /** WIFSTOPPED: the low byte is 0x7f; WSTOPSIG is the next byte. */
    public static boolean stopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    public static int stopSignal(int status) {
        return (status >> 8) & 0xff;
    }

    /** WIFCONTINUED: the whole status is 0xffff. */
    public static boolean continued(int status) {
        return status == 0xffff;
    }

    /** "exited 3" or "killed by signal 9", for failure messages. */
    public static String describe(int status) {
        if (exited(status)) {
            return "exited " + exitStatus(status);
        }
        if (signaled(status)) {
            return "killed by signal " + termSignal(status);
        }
        if (stopped(status)) {
            return "stopped by signal " + stopSignal(status) + " (0x" + Integer.toHexString(status) + ")";
        }
        if (continued(status)) {
            return "continued";
        }
        return "status 0x" + Integer.toHexString(status);
    }
}
