package lichen.kernel.signal;

import lichen.libkernel.sync.WakerSet;

/**
 * A thread's signal state (man 7 signal): the dispositions it shares with
 * the other threads of its process, and its own blocked mask, alternate
 * stack and pending signals; what rt_sigaction(2) and rt_sigprocmask(2) set
 * and read back, what fork(2) copies, what clone(2) shares and what
 * execve(2) resets. Signals wait in two sets, as Linux's pending and
 * shared_pending: those sent to this thread and those sent to the process,
 * which the first thread not blocking them takes ({@link Signals} delivers
 * them).
 */
public final class SignalState {
    public static final int NSIG = 64;
    public static final int SIGKILL = 9, SIGSTOP = 19;
    public static final long SIG_DFL = 0, SIG_IGN = 1;
    /** SIGKILL and SIGSTOP cannot be caught, ignored or blocked. */
    public static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

    /**
     * What the threads of a process share (clone's CLONE_SIGHAND, and
     * CLONE_THREAD): the dispositions and the signals sent to the process
     * as a whole, which any thread that does not block them may take.
     */
    private static final class Shared {
        final long[] handler = new long[NSIG + 1];
        final long[] flags = new long[NSIG + 1];
        final long[] restorer = new long[NSIG + 1];
        final long[] mask = new long[NSIG + 1];
        final PendingSignals pending = new PendingSignals();
        /** signalfd(2) readers and pollers of any thread: woken whenever a signal is made pending, blocked or not. */
        final WakerSet waiters = new WakerSet();
    }

    private final Shared shared;
    /** This thread's own: its mask, the signals sent to it alone (tgkill, its faults), its alternate stack. */
    private long blocked;
    private final PendingSignals own = new PendingSignals();
    /** The siginfo of the signal {@link #take} last took, for the handler's frame. */
    private int takenCode, takenSender, takenStatus;
    private long takenAddress;
    /** sigaltstack(2): the alternate stack, and SS_DISABLE when none. */
    private long altStack, altSize;
    /** signalfd(2) readers and pollers: the process's, woken whenever a signal is made pending for any of its threads. */
    public final WakerSet queueWaiters;
    private int altFlags = SS_DISABLE;
    public static final int SS_ONSTACK = 1, SS_DISABLE = 2;

    public SignalState() { this(new Shared()); }

    private SignalState(Shared shared) {
        this.shared = shared;
        queueWaiters = shared.waiters;
    }

    public static long bit(int sig) { return 1L << (sig - 1); }

    public static boolean valid(int sig) { return sig >= 1 && sig <= NSIG; }

    public long handler(int sig) { return shared.handler[sig]; }

    public long flags(int sig) { return shared.flags[sig]; }

    public long restorer(int sig) { return shared.restorer[sig]; }

    public long mask(int sig) { return shared.mask[sig]; }

    public void setAction(int sig, long handlerAddress, long actionFlags, long restorerAddress, long actionMask) {
        shared.handler[sig] = handlerAddress;
        shared.flags[sig] = actionFlags;
        shared.restorer[sig] = restorerAddress;
        shared.mask[sig] = actionMask & ~UNBLOCKABLE;
    }

    /** This thread's blocked mask (per thread, man 7 signal). */
    public long blocked() { return blocked; }

    public void setBlocked(long set) { blocked = set & ~UNBLOCKABLE; }

    /** The signals pending for this thread: its own and the process's (rt_sigpending(2) reports both). */
    public long pending() { return own.set | shared.pending.set; }

    /**
     * Marks {@code sig} pending for this thread alone (tgkill, tkill, its own faults), with its
     * siginfo, counted for user {@code uid} against {@code limit} (RLIMIT_SIGPENDING); false if
     * the limit refuses a queued real-time signal ({@link PendingSignals#post}).
     */
    public boolean post(int sig, int siCode, int pid, int childStatus, long faultAddress, int uid, long limit) {
        if (!own.post(sig, siCode, pid, childStatus, faultAddress, uid, limit)) return false;
        queueWaiters.wakeAll(); // a signalfd may be waiting for it (signalfd(2))
        return true;
    }

    /** Marks {@code sig} pending for the whole process (kill, a child's SIGCHLD, a timer): the first thread that does not block it takes it. As {@link #post}. */
    public boolean postToProcess(int sig, int siCode, int pid, int childStatus, long faultAddress, int uid, long limit) {
        if (!shared.pending.post(sig, siCode, pid, childStatus, faultAddress, uid, limit)) return false;
        queueWaiters.wakeAll();
        return true;
    }

    /** Whether {@code sig} waits, for this thread or its process, with si_code {@code code} from {@code sender} (a POSIX timer's own signal). */
    public boolean pendingFrom(int sig, int code, int sender) {
        return own.hasFrom(sig, code, sender) || shared.pending.hasFrom(sig, code, sender);
    }

    /** Rewrites the status of the pending {@code sig} from {@code code} and {@code sender} where it waits (a timer's si_overrun grows while its signal waits). */
    public void updatePending(int sig, int code, int sender, int childStatus) {
        own.updateStatus(sig, code, sender, childStatus);
        shared.pending.updateStatus(sig, code, sender, childStatus);
    }

    /** Whether this thread blocks {@code sig}. */
    public boolean blocks(int sig) { return (blocked & bit(sig) & ~UNBLOCKABLE) != 0; }

    /** The lowest-numbered pending signal the mask lets through (SIGKILL first), or 0. */
    public int nextDeliverable() {
        long ready = pending() & (~blocked | UNBLOCKABLE);
        if ((ready & bit(SIGKILL)) != 0) return SIGKILL;
        return ready == 0 ? 0 : Long.numberOfTrailingZeros(ready) + 1;
    }

    /** Takes {@code sig} off what is pending, this thread's own first; its siginfo is then {@link #code} and the others. */
    public void take(int sig) {
        (own.has(sig) ? own : shared.pending).take(sig, this);
    }

    /** The siginfo of the signal being taken ({@link PendingSignals#take}). */
    void taken(int siCode, int pid, int childStatus, long faultAddress) {
        takenCode = siCode;
        takenSender = pid;
        takenStatus = childStatus;
        takenAddress = faultAddress;
    }

    /** Drops {@code sig} wherever this thread would find it pending (its disposition became "ignore", sigaction(2)). */
    public void discard(int sig) {
        own.discard(sig);
        shared.pending.discard(sig);
    }

    /** The thread is gone: what waits for it alone goes too, and the process's pending signals if {@code lastOfProcess}. */
    public void discardAll(boolean lastOfProcess) {
        own.discardAll();
        if (lastOfProcess) shared.pending.discardAll();
    }

    /** Signals pending for user {@code uid} in every process (SigQ in /proc/[pid]/status). */
    public static long queuedFor(int uid) { return SignalQuota.queued(uid); }

    public int code(int sig) { return takenCode; }

    public int senderPid(int sig) { return takenSender; }

    public int childStatus(int sig) { return takenStatus; }

    public long faultAddress(int sig) { return takenAddress; }

    public long altStack() { return altStack; }

    public long altSize() { return altSize; }

    public int altFlags() { return altFlags; }

    public void setAltStack(long sp, long size, int flags) {
        altStack = sp;
        altSize = size;
        altFlags = flags;
    }

    /** fork(2): the child has the same dispositions and this thread's mask and alternate stack; nothing pending (man 2 fork). */
    public SignalState copy() {
        Shared d = new Shared();
        System.arraycopy(shared.handler, 0, d.handler, 0, d.handler.length);
        System.arraycopy(shared.flags, 0, d.flags, 0, d.flags.length);
        System.arraycopy(shared.restorer, 0, d.restorer, 0, d.restorer.length);
        System.arraycopy(shared.mask, 0, d.mask, 0, d.mask.length);
        SignalState c = new SignalState(d);
        c.blocked = blocked;
        c.altStack = altStack;
        c.altSize = altSize;
        c.altFlags = altFlags;
        return c;
    }

    /**
     * clone(2) with CLONE_THREAD: the new thread shares the dispositions and
     * the process's pending signals, starts with the creator's mask, nothing
     * of its own pending, and no alternate stack (sigaltstack(2): a thread
     * made with CLONE_VM has none).
     */
    public SignalState forNewThread() {
        SignalState t = new SignalState(shared);
        t.blocked = blocked;
        return t;
    }

    /** execve(2): caught signals go back to their default (the handlers are gone with the program); ignored ones stay ignored; the mask stays. */
    public void resetForExec() {
        for (int s = 1; s <= NSIG; s++) {
            if (shared.handler[s] != SIG_IGN) shared.handler[s] = SIG_DFL;
            shared.flags[s] = 0;
            shared.restorer[s] = 0;
            shared.mask[s] = 0;
        }
        altFlags = SS_DISABLE;
        altStack = 0;
        altSize = 0;
    }
}
