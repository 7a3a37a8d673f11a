package lichen.kernel.signal;

import lichen.api.Slab;

/**
 * One queued instance of a real-time signal and the siginfo it was sent
 * with: real-time signals queue, each instance delivered once in the order
 * sent (man 7 signal, "Real-time signals"). Freed when it is taken or
 * discarded.
 */
@Slab
final class QueuedSignal {
    int sig, code, senderPid, status;
    long address;
    /** The user whose RLIMIT_SIGPENDING count it is charged to ({@link SignalQuota}). */
    int user;
    QueuedSignal next;
}
