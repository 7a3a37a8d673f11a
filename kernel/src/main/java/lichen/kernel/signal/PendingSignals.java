package lichen.kernel.signal;

/**
 * A set of pending signals and, for each, the siginfo fields it was sent
 * with: one of each standard signal is kept (a second while one waits is
 * merged into it, man 7 signal).
 */
final class PendingSignals {
    long set;
    final int[] code = new int[SignalState.NSIG + 1], senderPid = new int[SignalState.NSIG + 1], status = new int[SignalState.NSIG + 1];
    final long[] address = new long[SignalState.NSIG + 1];

    boolean has(int sig) { return (set & SignalState.bit(sig)) != 0; }

    void post(int sig, int siCode, int pid, int childStatus, long faultAddress) {
        set |= SignalState.bit(sig);
        code[sig] = siCode;
        senderPid[sig] = pid;
        status[sig] = childStatus;
        address[sig] = faultAddress;
    }

    void take(int sig) { set &= ~SignalState.bit(sig); }
}
