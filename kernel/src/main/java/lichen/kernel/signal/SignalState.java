package lichen.kernel.signal;

/**
 * A process's signal dispositions and blocked mask (man 7 signal): what
 * rt_sigaction(2) and rt_sigprocmask(2) set and read back, what fork(2)
 * copies and what execve(2) resets. Delivery (frames on the user stack,
 * rt_sigreturn) builds on this.
 */
public final class SignalState {
    public static final int NSIG = 64;
    public static final int SIGKILL = 9, SIGSTOP = 19;
    public static final long SIG_DFL = 0, SIG_IGN = 1;
    /** SIGKILL and SIGSTOP cannot be caught, ignored or blocked. */
    public static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

    private final long[] handler = new long[NSIG + 1];
    private final long[] flags = new long[NSIG + 1];
    private final long[] restorer = new long[NSIG + 1];
    private final long[] mask = new long[NSIG + 1];
    private long blocked;

    public static long bit(int sig) { return 1L << (sig - 1); }

    public static boolean valid(int sig) { return sig >= 1 && sig <= NSIG; }

    public long handler(int sig) { return handler[sig]; }

    public long flags(int sig) { return flags[sig]; }

    public long restorer(int sig) { return restorer[sig]; }

    public long mask(int sig) { return mask[sig]; }

    public void setAction(int sig, long handlerAddress, long actionFlags, long restorerAddress, long actionMask) {
        handler[sig] = handlerAddress;
        flags[sig] = actionFlags;
        restorer[sig] = restorerAddress;
        mask[sig] = actionMask & ~UNBLOCKABLE;
    }

    public long blocked() { return blocked; }

    public void setBlocked(long set) { blocked = set & ~UNBLOCKABLE; }

    /** fork(2): the child has the same dispositions and mask. */
    public SignalState copy() {
        SignalState c = new SignalState();
        System.arraycopy(handler, 0, c.handler, 0, handler.length);
        System.arraycopy(flags, 0, c.flags, 0, flags.length);
        System.arraycopy(restorer, 0, c.restorer, 0, restorer.length);
        System.arraycopy(mask, 0, c.mask, 0, mask.length);
        c.blocked = blocked;
        return c;
    }

    /** execve(2): caught signals go back to their default (the handlers are gone with the program); ignored ones stay ignored; the mask stays. */
    public void resetForExec() {
        for (int s = 1; s <= NSIG; s++) {
            if (handler[s] != SIG_IGN) handler[s] = SIG_DFL;
            flags[s] = 0;
            restorer[s] = 0;
            mask[s] = 0;
        }
    }
}
