package lichen.kernel.socket;

import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * The SOL_SOCKET options every socket has (socket(7)), kept per socket: the
 * buffer sizes, the flags a program may set and read back, and the pending
 * error. A family answers the ones only it knows (SO_PEERCRED, SO_ACCEPTCONN)
 * through {@link Socket#getOption}.
 */
public final class SocketOptions {
    public static final int SOL_SOCKET = 1;
    public static final int SO_DEBUG = 1, SO_REUSEADDR = 2, SO_TYPE = 3, SO_ERROR = 4, SO_DONTROUTE = 5, SO_BROADCAST = 6,
            SO_SNDBUF = 7, SO_RCVBUF = 8, SO_KEEPALIVE = 9, SO_OOBINLINE = 10, SO_PASSCRED = 16, SO_PEERCRED = 17,
            SO_RCVTIMEO = 20, SO_SNDTIMEO = 21, SO_ACCEPTCONN = 30, SO_SNDBUFFORCE = 32, SO_RCVBUFFORCE = 33, SO_PROTOCOL = 38, SO_DOMAIN = 39;

    /** net.core.wmem_max and rmem_max, and the defaults (wmem_default, rmem_default): 212992 bytes. */
    public static final int BUFFER_MAX = 212992;
    /** SOCK_MIN_SNDBUF and SOCK_MIN_RCVBUF on a 64-bit kernel (include/net/sock.h). */
    public static final int SNDBUF_MIN = 4608, RCVBUF_MIN = 2304;

    public int sendBuffer = BUFFER_MAX, receiveBuffer = BUFFER_MAX;
    public boolean reuseAddress, keepAlive, broadcast, dontRoute, oobInline, debug, passCredentials;
    /** SO_RCVTIMEO and SO_SNDTIMEO in nanoseconds: how long a blocking receive or send waits before EAGAIN; 0 is for ever. */
    public long receiveTimeout, sendTimeout;
    /** SO_ERROR's: an errno (positive) a later call or getsockopt reports once, or 0. */
    public int error;

    /** The pending error as a call returns it (-errno), cleared; 0 when none is (sock_error). */
    public int takeError() {
        int e = error;
        error = 0;
        return -e;
    }

    /**
     * getsockopt(SOL_SOCKET, name) of the options kept here into {@code out}
     * (an int): its length, or -ENOPROTOOPT for one not kept here.
     */
    int get(Socket s, int name, byte[] out) {
        int v;
        switch (name) {
            case SO_TYPE -> v = s.type();
            case SO_DOMAIN -> v = s.domain();
            case SO_PROTOCOL -> v = s.protocol();
            case SO_ERROR -> v = -takeError();
            case SO_SNDBUF -> v = sendBuffer;
            case SO_RCVBUF -> v = receiveBuffer;
            case SO_REUSEADDR -> v = reuseAddress ? 1 : 0;
            case SO_KEEPALIVE -> v = keepAlive ? 1 : 0;
            case SO_BROADCAST -> v = broadcast ? 1 : 0;
            case SO_DONTROUTE -> v = dontRoute ? 1 : 0;
            case SO_OOBINLINE -> v = oobInline ? 1 : 0;
            case SO_DEBUG -> v = debug ? 1 : 0;
            case SO_PASSCRED -> v = passCredentials ? 1 : 0;
            default -> { return -Errno.ENOPROTOOPT; }
        }
        LittleEndian.put32(out, 0, v);
        return 4;
    }

    /**
     * setsockopt(SOL_SOCKET, name) to {@code value}: 0, or -ENOPROTOOPT. A
     * buffer size asked for is capped at the maximum and doubled, "to allow
     * space for bookkeeping overhead" (socket(7), SO_SNDBUF), and not below
     * the minimum; the FORCE forms (root's) skip the cap.
     */
    int set(int name, int value) {
        switch (name) {
            case SO_SNDBUF, SO_SNDBUFFORCE -> sendBuffer = bufferSize(name == SO_SNDBUF ? Math.min(value, BUFFER_MAX) : value, SNDBUF_MIN);
            case SO_RCVBUF, SO_RCVBUFFORCE -> receiveBuffer = bufferSize(name == SO_RCVBUF ? Math.min(value, BUFFER_MAX) : value, RCVBUF_MIN);
            case SO_REUSEADDR -> reuseAddress = value != 0;
            case SO_KEEPALIVE -> keepAlive = value != 0;
            case SO_BROADCAST -> broadcast = value != 0;
            case SO_DONTROUTE -> dontRoute = value != 0;
            case SO_OOBINLINE -> oobInline = value != 0;
            case SO_DEBUG -> debug = value != 0;
            case SO_PASSCRED -> passCredentials = value != 0;
            default -> { return -Errno.ENOPROTOOPT; }
        }
        return 0;
    }

    /** The deadline of a wait of {@code timeout} nanoseconds from {@code now}: none when the timeout is 0. */
    public long deadline(long timeout, long now) {
        return timeout == 0 || timeout > Long.MAX_VALUE - now ? lichen.libkernel.async.Executor.NO_DEADLINE : now + timeout;
    }

    /**
     * SO_RCVTIMEO or SO_SNDTIMEO from a struct timeval (tv_sec, tv_usec;
     * 16 bytes, EINVAL when shorter): EDOM for tv_usec outside [0, 1e6)
     * (sock_set_timeout); all zero waits for ever, and a negative tv_sec
     * not at all (Linux stores a timeout of 0 jiffies: EAGAIN at once).
     */
    int setTimeout(int name, byte[] value, int len) {
        if (len < 16) return -Errno.EINVAL;
        long sec = LittleEndian.u64(value, 0), usec = LittleEndian.u64(value, 8);
        if (usec < 0 || usec >= 1_000_000) return -Errno.EDOM;
        long nanos = sec < 0 ? 1 : sec > Long.MAX_VALUE / 1_000_000_000L - 1 ? 0 : sec * 1_000_000_000L + usec * 1000;
        if (name == SO_RCVTIMEO) receiveTimeout = nanos;
        else sendTimeout = nanos;
        return 0;
    }

    /** getsockopt of SO_RCVTIMEO or SO_SNDTIMEO: the struct timeval, 16 bytes. */
    int getTimeout(int name, byte[] out) {
        long nanos = name == SO_RCVTIMEO ? receiveTimeout : sendTimeout;
        LittleEndian.put64(out, 0, nanos / 1_000_000_000L);
        LittleEndian.put64(out, 8, nanos % 1_000_000_000L / 1000);
        return 16;
    }

    /** Linux takes the value as unsigned before capping, so a negative one is the maximum; then doubles it. */
    private static int bufferSize(int value, int min) {
        long v = value < 0 ? BUFFER_MAX : value;
        return (int) Math.max(Math.min(v * 2, Integer.MAX_VALUE), min);
    }
}
