package lichen.kernel.signal;

import lichen.libkernel.sync.WakerSet;

/**
 * A process's signal dispositions and blocked mask (man 7 signal): what
 * rt_sigaction(2) and rt_sigprocmask(2) set and read back, what fork(2)
 * copies and what execve(2) resets, and the signals waiting to be
 * delivered ({@link Signals} delivers them).
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
    /** Signals sent and not yet delivered, and for each the siginfo fields it came with (one of each standard signal is kept). */
    private long pending;
    private final int[] code = new int[NSIG + 1], senderPid = new int[NSIG + 1], status = new int[NSIG + 1];
    private final long[] address = new long[NSIG + 1];
    /** sigaltstack(2): the alternate stack, and SS_DISABLE when none. */
    private long altStack, altSize;
    /** signalfd(2) readers and pollers: woken whenever a signal is made pending, blocked or not. */
    public final WakerSet queueWaiters = new WakerSet();
    private int altFlags = SS_DISABLE;
    public static final int SS_ONSTACK = 1, SS_DISABLE = 2;

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

    public long pending() { return pending; }

    /** Marks {@code sig} pending with its siginfo (si_code, the sender's pid, a child's status, a fault address). */
    public void post(int sig, int siCode, int pid, int childStatus, long faultAddress) {
        pending |= bit(sig);
        code[sig] = siCode;
        senderPid[sig] = pid;
        status[sig] = childStatus;
        address[sig] = faultAddress;
    }

    /** The lowest-numbered pending signal the mask lets through (SIGKILL first), or 0. */
    public int nextDeliverable() {
        long ready = pending & (~blocked | UNBLOCKABLE);
        if ((ready & bit(SIGKILL)) != 0) return SIGKILL;
        return ready == 0 ? 0 : Long.numberOfTrailingZeros(ready) + 1;
    }

    public void take(int sig) { pending &= ~bit(sig); }

    public int code(int sig) { return code[sig]; }

    public int senderPid(int sig) { return senderPid[sig]; }

    public int childStatus(int sig) { return status[sig]; }

    public long faultAddress(int sig) { return address[sig]; }

    public long altStack() { return altStack; }

    public long altSize() { return altSize; }

    public int altFlags() { return altFlags; }

    public void setAltStack(long sp, long size, int flags) {
        altStack = sp;
        altSize = size;
        altFlags = flags;
    }

    /** fork(2): the child has the same dispositions and mask. */
    public SignalState copy() {
        SignalState c = new SignalState();
        System.arraycopy(handler, 0, c.handler, 0, handler.length);
        System.arraycopy(flags, 0, c.flags, 0, flags.length);
        System.arraycopy(restorer, 0, c.restorer, 0, restorer.length);
        System.arraycopy(mask, 0, c.mask, 0, mask.length);
        c.blocked = blocked;
        c.altStack = altStack;
        c.altSize = altSize;
        c.altFlags = altFlags;
        return c; // pending signals are the parent's own (man 2 fork)
    }

    /** execve(2): caught signals go back to their default (the handlers are gone with the program); ignored ones stay ignored; the mask stays. */
    public void resetForExec() {
        for (int s = 1; s <= NSIG; s++) {
            if (handler[s] != SIG_IGN) handler[s] = SIG_DFL;
            flags[s] = 0;
            restorer[s] = 0;
            mask[s] = 0;
        }
        altFlags = SS_DISABLE;
        altStack = 0;
        altSize = 0;
    }
}
