package lichen.kernel.signal;

import lichen.api.Kmem;

/**
 * A set of pending signals and the siginfo each was sent with (man 7
 * signal). A standard signal is pending once: one sent while it waits is
 * merged into it and its siginfo is the first's (Linux's legacy_queue). A
 * real-time signal (SIGRTMIN, 32, and up) queues: every instance waits in
 * the order sent and is taken with its own siginfo. Each pending signal is
 * counted against its user's RLIMIT_SIGPENDING ({@link SignalQuota}).
 */
final class PendingSignals {
    static final int SIGRTMIN = 32;
    long set;
    private final int[] code = new int[SIGRTMIN], senderPid = new int[SIGRTMIN], status = new int[SIGRTMIN], user = new int[SIGRTMIN];
    private final long[] address = new long[SIGRTMIN];
    /** The real-time instances, oldest first. */
    private QueuedSignal head, tail;

    boolean has(int sig) { return (set & SignalState.bit(sig)) != 0; }

    /**
     * Makes {@code sig} pending with its siginfo, charged to {@code uid} (limit {@code limit}),
     * as Linux's __send_signal_locked: past the limit a real-time signal queued with si_code < 0
     * (sigqueue(3), tgkill(2)) is refused (false: EAGAIN), and any other signal is made pending
     * without its siginfo (taken, it reads as kill's from pid 0). A standard signal sent by the
     * kernel or kill(2) (si_code >= 0) and a timer's (Linux keeps its siginfo ready when the
     * timer is made) are never refused.
     */
    boolean post(int sig, int siCode, int pid, int childStatus, long faultAddress, int uid, long limit) {
        if (sig < SIGRTMIN && has(sig)) return true; // merged into the one waiting
        boolean override = siCode == Signals.SI_TIMER || (sig < SIGRTMIN && siCode >= 0);
        int charged = SignalQuota.charge(uid, limit, override);
        if (charged == SignalQuota.REFUSED) {
            if (sig >= SIGRTMIN && siCode != Signals.SI_USER) return false;
            set |= SignalState.bit(sig);
            if (sig < SIGRTMIN) keep(sig, Signals.SI_USER, 0, 0, 0, SignalQuota.UNCOUNTED);
            return true;
        }
        set |= SignalState.bit(sig);
        if (sig < SIGRTMIN) {
            keep(sig, siCode, pid, childStatus, faultAddress, charged);
            return true;
        }
        QueuedSignal q = new QueuedSignal();
        q.sig = sig;
        q.code = siCode;
        q.senderPid = pid;
        q.status = childStatus;
        q.address = faultAddress;
        q.user = charged;
        if (tail == null) head = q;
        else tail.next = q;
        tail = q;
        return true;
    }

    private void keep(int sig, int siCode, int pid, int childStatus, long faultAddress, int charged) {
        code[sig] = siCode;
        senderPid[sig] = pid;
        status[sig] = childStatus;
        address[sig] = faultAddress;
        user[sig] = charged;
    }

    /** The oldest pending instance of the real-time {@code sig}, or null. */
    private QueuedSignal first(int sig) {
        for (QueuedSignal q = head; q != null; q = q.next) if (q.sig == sig) return q;
        return null;
    }

    /** Whether an instance of {@code sig} sent with si_code {@code siCode} by {@code pid} waits (a POSIX timer's own signal). */
    boolean hasFrom(int sig, int siCode, int pid) {
        if (!has(sig)) return false;
        if (sig < SIGRTMIN) return code[sig] == siCode && senderPid[sig] == pid;
        for (QueuedSignal q = head; q != null; q = q.next) if (q.sig == sig && q.code == siCode && q.senderPid == pid) return true;
        return false;
    }

    /** Rewrites the status (a timer's si_overrun) of the waiting instance of {@code sig} from {@code siCode} and {@code pid}. */
    void updateStatus(int sig, int siCode, int pid, int childStatus) {
        if (!has(sig)) return;
        if (sig < SIGRTMIN) {
            if (code[sig] == siCode && senderPid[sig] == pid) status[sig] = childStatus;
            return;
        }
        for (QueuedSignal q = head; q != null; q = q.next) if (q.sig == sig && q.code == siCode && q.senderPid == pid) q.status = childStatus;
    }

    /** Takes the oldest instance of the pending {@code sig}, its siginfo into {@code into}. */
    void take(int sig, SignalState into) {
        if (!has(sig)) return;
        if (sig < SIGRTMIN) {
            into.taken(code[sig], senderPid[sig], status[sig], address[sig]);
            set &= ~SignalState.bit(sig);
            SignalQuota.release(user[sig]);
            return;
        }
        QueuedSignal q = first(sig);
        if (q == null) { // made pending past the limit, without its siginfo
            into.taken(Signals.SI_USER, 0, 0, 0);
        } else {
            into.taken(q.code, q.senderPid, q.status, q.address);
            unlink(q);
        }
        if (first(sig) == null) set &= ~SignalState.bit(sig);
    }

    /** Drops every pending instance of {@code sig}. */
    void discard(int sig) {
        if (!has(sig)) return;
        set &= ~SignalState.bit(sig);
        if (sig < SIGRTMIN) {
            SignalQuota.release(user[sig]);
            return;
        }
        for (QueuedSignal q = first(sig); q != null; q = first(sig)) unlink(q);
    }

    /** Drops everything pending (the thread or process is gone). */
    void discardAll() {
        for (int sig = 1; sig <= SignalState.NSIG; sig++) discard(sig);
    }

    private void unlink(QueuedSignal q) {
        QueuedSignal prev = null;
        for (QueuedSignal c = head; c != q; c = c.next) prev = c;
        if (prev == null) head = q.next;
        else prev.next = q.next;
        if (tail == q) tail = prev;
        SignalQuota.release(q.user);
        Kmem.free(q);
    }
}
