package lichen.kernel.socket.inet;

import lichen.api.Async;
import lichen.kernel.net.KernelNetwork;
import lichen.kernel.proc.Processes;
import lichen.kernel.socket.Socket;
import lichen.kernel.socket.SocketFamilies;
import lichen.kernel.socket.SocketOptions;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;
import lichen.libkernel.async.Waker;
import lichen.libkernel.sync.WaitQueue;
import lichen.libkernel.sync.WakerSet;

/**
 * What an AF_INET socket (ip(7)) adds to every socket: the stack's socket
 * under it wakes {@link #waiters} through one waker registered on its
 * {@code wakers} for the socket's life, so a blocking call sleeps on a wait
 * queue as AF_UNIX's do, while poll(2) and epoll(7) register on the same
 * {@code wakers} directly. Every call ends by letting the stack run
 * ({@link KernelNetwork#flush}), so what it sent over the loopback has
 * arrived, and been answered, before it returns.
 */
abstract class InetSocket extends Socket {
    static final int IPPROTO_IP = 0, IPPROTO_TCP = 6, IPPROTO_UDP = 17;
    /** Staging between user memory and the stack's rings: one Kmem array a call, given back at its end. */
    static final int CHUNK = 16 << 10;

    final WaitQueue waiters = new WaitQueue();
    private final Waker bridge = this::stateChanged;
    private WakerSet watched;
    /** Scratch for parsing the caller's sockaddr_in. */
    final Ipv4SocketAddress parsed = new Ipv4SocketAddress();

    @Override
    public final int domain() { return SocketFamilies.AF_INET; }

    static Executor executor() { return Processes.executor(); }

    /** From now on a change of the stack socket behind {@code w} wakes this socket's sleepers. */
    final void watch(WakerSet w) {
        watched = w;
        w.add(bridge);
    }

    /** The stack socket is going: no more wakes from it. */
    final void unwatch() {
        if (watched != null) watched.remove(bridge);
        watched = null;
    }

    private void stateChanged() {
        Executor ex = executor();
        if (ex != null) waiters.wakeAll(ex);
    }

    /**
     * Sleeps until the stack socket changes (0), a signal (-EINTR, restarted
     * under SA_RESTART by the syscall's return path) or {@code deadline}
     * (-EAGAIN: SO_RCVTIMEO or SO_SNDTIMEO ran out, socket(7)).
     */
    @Async
    final int sleep(long deadline) {
        Executor ex = executor();
        if (ex == null) return -Errno.EAGAIN;
        int r = waiters.sleep(ex, deadline, true);
        return r == WakeReason.TIMED_OUT ? -Errno.EAGAIN : r < 0 ? -Errno.EINTR : 0;
    }

    /** When a receive (or accept) waiting from now gives up, per SO_RCVTIMEO; a send (or connect), per SO_SNDTIMEO. */
    final long deadline(boolean receive) {
        Executor ex = executor();
        if (ex == null) return Executor.NO_DEADLINE;
        return options.deadline(receive ? options.receiveTimeout : options.sendTimeout, ex.now());
    }

    /**
     * The address bind(2) names into {@link #parsed} (inet_bind): 0, or EINVAL
     * when short, EAFNOSUPPORT for another family (AF_UNSPEC is taken only
     * with INADDR_ANY, for old programs).
     */
    final int parseBindAddress(byte[] a, int len) {
        int r = parsed.parse(a, len, true);
        if (r == 0 && Ipv4SocketAddress.family(a, len) != SocketFamilies.AF_INET && parsed.ip != 0) return -Errno.EAFNOSUPPORT;
        return r;
    }

    /** The stack socket's pending error (a positive errno), taken: SO_ERROR's answer. */
    abstract int takeStackError();

    /** SO_ERROR from the stack as well as the socket layer, then the rest as every socket. */
    @Override
    public int getOption(int level, int name, byte[] out) {
        if (level == SocketOptions.SOL_SOCKET && name == SocketOptions.SO_ERROR) {
            int e = options.error != 0 ? -options.takeError() : takeStackError();
            LittleEndian.put32(out, 0, e);
            return 4;
        }
        return super.getOption(level, name, out);
    }
}
