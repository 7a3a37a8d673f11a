package lichen.kernel.socket.inet;

import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;
import lichen.net.tcp.TcpConnection;

/**
 * A TCP socket's own options (tcp(7)) and SO_LINGER (socket(7)): what
 * getsockopt reads back and what the connection is told. TCP_NODELAY is
 * kept and read back; the stack never delays a segment (no Nagle: docs/net.md),
 * so every socket behaves as if it were set. TCP_MAXSEG reads the sending
 * MSS (536 before a connection, as Linux's TCP_MSS_DEFAULT).
 */
final class TcpOptions {
    static final int SOL_TCP = 6;
    static final int TCP_NODELAY = 1, TCP_MAXSEG = 2, TCP_KEEPIDLE = 4, TCP_KEEPINTVL = 5, TCP_KEEPCNT = 6;
    static final int SO_LINGER = 13;
    /** MAX_TCP_KEEPIDLE, MAX_TCP_KEEPINTVL (seconds) and MAX_TCP_KEEPCNT (include/net/tcp.h). */
    static final int MAX_KEEP_SECONDS = 32767, MAX_KEEPCNT = 127;
    private static final long SECOND = 1_000_000_000L;

    boolean noDelay;
    /** tcp_keepalive_time, tcp_keepalive_intvl (seconds) and tcp_keepalive_probes: Linux's defaults. */
    int keepIdle = 7200, keepInterval = 75, keepCount = 9;
    boolean lingerOn;
    int lingerSeconds;

    void copy(TcpOptions o) {
        noDelay = o.noDelay;
        keepIdle = o.keepIdle;
        keepInterval = o.keepInterval;
        keepCount = o.keepCount;
        lingerOn = o.lingerOn;
        lingerSeconds = o.lingerSeconds;
    }

    void applyKeepalive(TcpConnection c, boolean on) {
        c.setKeepalive(on, keepIdle * SECOND, keepInterval * SECOND, keepCount);
    }

    /** getsockopt(SOL_TCP, name): an int, or ENOPROTOOPT. */
    int get(TcpConnection c, int name, byte[] out) {
        int v;
        switch (name) {
            case TCP_NODELAY -> v = noDelay ? 1 : 0;
            case TCP_MAXSEG -> v = c.sendMss();
            case TCP_KEEPIDLE -> v = keepIdle;
            case TCP_KEEPINTVL -> v = keepInterval;
            case TCP_KEEPCNT -> v = keepCount;
            default -> { return -Errno.ENOPROTOOPT; }
        }
        LittleEndian.put32(out, 0, v);
        return 4;
    }

    /** setsockopt(SOL_TCP, name) (do_tcp_setsockopt): EINVAL for a short value or one out of range, ENOPROTOOPT for others. */
    int set(TcpConnection c, boolean keepAlive, int name, byte[] value, int len) {
        if (len < 4) return -Errno.EINVAL;
        int v = LittleEndian.u32(value, 0);
        switch (name) {
            case TCP_NODELAY -> noDelay = v != 0;
            case TCP_KEEPIDLE, TCP_KEEPINTVL -> {
                if (v < 1 || v > MAX_KEEP_SECONDS) return -Errno.EINVAL;
                if (name == TCP_KEEPIDLE) keepIdle = v;
                else keepInterval = v;
                applyKeepalive(c, keepAlive);
            }
            case TCP_KEEPCNT -> {
                if (v < 1 || v > MAX_KEEPCNT) return -Errno.EINVAL;
                keepCount = v;
                applyKeepalive(c, keepAlive);
            }
            default -> { return -Errno.ENOPROTOOPT; }
        }
        return 0;
    }

    /** SO_LINGER's struct linger {int l_onoff; int l_linger;}. */
    int getLinger(byte[] out) {
        LittleEndian.put32(out, 0, lingerOn ? 1 : 0);
        LittleEndian.put32(out, 4, lingerSeconds);
        return 8;
    }

    /**
     * SO_LINGER: EINVAL when shorter than struct linger. Only a zero timeout
     * changes close (a reset instead of a FIN); a close never waits for the
     * data to be acknowledged (docs/net.md: SO_LINGER with a timeout is not done).
     */
    int setLinger(byte[] value, int len) {
        if (len < 8) return -Errno.EINVAL;
        lingerOn = LittleEndian.u32(value, 0) != 0;
        lingerSeconds = Math.max(0, LittleEndian.u32(value, 4));
        return 0;
    }
}
