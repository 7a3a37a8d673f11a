package lichen.kernel.socket.inet;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.fs.Result;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.kernel.net.KernelNetwork;
import lichen.kernel.signal.Signals;
import lichen.kernel.socket.Message;
import lichen.kernel.socket.MessageFlags;
import lichen.kernel.socket.Socket;
import lichen.kernel.socket.SocketOptions;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;
import lichen.libkernel.sync.PollTable;
import lichen.net.tcp.TcpConnection;
import lichen.net.tcp.TcpState;

/**
 * An AF_INET SOCK_STREAM socket: TCP (tcp(7)) over the kernel's stack's
 * {@link TcpConnection}. The stack never sleeps, answering EAGAIN (or
 * EINPROGRESS) where a call cannot go on; this class turns that into a sleep
 * for a blocking socket, until the connection's wakers fire, a signal, or
 * SO_RCVTIMEO/SO_SNDTIMEO. TCP's own options are in {@link TcpOptions}.
 */
final class InetStream extends InetSocket {
    /** net.core.somaxconn: listen(2)'s backlog is capped here. */
    static final int SOMAXCONN = 4096;
    /** tcp_wmem[1] and tcp_rmem[1]: what SO_SNDBUF and SO_RCVBUF read before a program sets them. */
    static final int DEFAULT_SNDBUF = 16384, DEFAULT_RCVBUF = 131072;

    final TcpConnection conn;
    final TcpOptions tcpOptions = new TcpOptions();
    private boolean closed;
    /** A connect is under way that no connect call has seen finish (Linux's SS_CONNECTING): the next connect reports how it went. */
    private boolean connecting;

    /** Linux's TCP_RTO_MIN, 200 ms, where RFC 6298 2.4 says 1 s: what a lost segment costs a socket program. */
    static final long MIN_RTO_NS = 200_000_000L;

    InetStream(TcpConnection conn) {
        this.conn = conn;
        conn.setMinimumRto(MIN_RTO_NS);
        options.sendBuffer = DEFAULT_SNDBUF;
        options.receiveBuffer = DEFAULT_RCVBUF;
        watch(conn.wakers);
    }

    @Override
    public int type() { return SOCK_STREAM; }

    @Override
    public int protocol() { return IPPROTO_TCP; }

    @Override
    int takeStackError() { return conn.takeError(); }

    /**
     * bind(2) (inet_bind): EINVAL when bound already or the address is short,
     * EAFNOSUPPORT for another family (AF_UNSPEC only with INADDR_ANY),
     * EADDRNOTAVAIL for an address not this host's, EADDRINUSE for a port
     * taken (SO_REUSEADDR as socket(7)); port 0 picks an ephemeral one.
     */
    @Override
    @Async
    public int bind(FsContext ctx, byte[] a, int len) {
        int r = parseBindAddress(a, len);
        if (r < 0) return r;
        conn.setReuseAddress(options.reuseAddress);
        return conn.bind(parsed.ip, parsed.port);
    }

    /** listen(2): an unbound socket gets an ephemeral port; a backlog past SOMAXCONN (or negative) is SOMAXCONN. */
    @Override
    public int listen(int backlog) {
        if (backlog < 0 || backlog > SOMAXCONN) backlog = SOMAXCONN;
        conn.setReuseAddress(options.reuseAddress);
        int r = conn.listen(backlog);
        KernelNetwork.flush();
        return r;
    }

    /**
     * accept(2): an established connection, waiting for one unless
     * non-blocking (EAGAIN); EINVAL when not listening. The new socket
     * inherits the listener's options (sk_clone_lock).
     */
    @Override
    @Async
    public Result<Socket> accept(boolean nonBlocking) {
        long deadline = deadline(true);
        while (true) {
            if (conn.state() != TcpState.LISTEN) return Result.err(-Errno.EINVAL);
            TcpConnection c = conn.accept();
            if (c != null) {
                InetStream s = new InetStream(c);
                s.inherit(this);
                KernelNetwork.flush();
                return Result.ok(s);
            }
            if (nonBlocking) return Result.err(-Errno.EAGAIN);
            int w = sleep(deadline);
            if (w < 0) return Result.err(w);
        }
    }

    private void inherit(InetStream listener) {
        options.sendBuffer = listener.options.sendBuffer;
        options.receiveBuffer = listener.options.receiveBuffer;
        options.keepAlive = listener.options.keepAlive;
        options.receiveTimeout = listener.options.receiveTimeout;
        options.sendTimeout = listener.options.sendTimeout;
        tcpOptions.copy(listener.tcpOptions);
        tcpOptions.applyKeepalive(conn, options.keepAlive);
    }

    /**
     * connect(2) (tcp_v4_connect, inet_wait_for_connect): sends the SYN and,
     * when blocking, waits for the handshake: 0, or ECONNREFUSED (a reset),
     * ETIMEDOUT (no answer), EINTR; non-blocking, EINPROGRESS, then the
     * socket turns writable and SO_ERROR tells how it went. EALREADY while a
     * connect is under way; once it is done, the next connect says how it
     * went (0, or its error) and later ones EISCONN. SO_SNDTIMEO running out
     * leaves the connect going: EINPROGRESS.
     */
    @Override
    @Async
    public int connect(FsContext ctx, byte[] a, int len, boolean nonBlocking) {
        int r = parsed.parse(a, len, false);
        if (r < 0) return r;
        if (conn.state() == TcpState.SYN_SENT) {
            if (nonBlocking) return -Errno.EALREADY;
        } else if (!connecting) {
            r = conn.connect(parsed.ip, parsed.port);
            KernelNetwork.flush();
            if (r != -Errno.EINPROGRESS) return r;
            connecting = true;
            if (nonBlocking) return r;
        }
        long deadline = deadline(false);
        while (conn.state() == TcpState.SYN_SENT || conn.state() == TcpState.SYN_RECEIVED) {
            int w = sleep(deadline);
            if (w == -Errno.EAGAIN) return -Errno.EINPROGRESS;
            if (w < 0) return w;
        }
        connecting = false;
        int e = conn.takeError();
        return e != 0 ? -e : conn.state().synchronizedState() ? 0 : -Errno.ECONNREFUSED;
    }

    /**
     * send(2) (tcp_sendmsg): the bytes go into the connection's send buffer
     * as it has room, a blocking send waiting until all are queued (a
     * non-blocking one returns what fit, or EAGAIN); an interrupted one
     * returns what went (or EINTR). After shutdown or the peer's reset,
     * EPIPE with SIGPIPE unless MSG_NOSIGNAL; the reset itself is reported
     * once first (ECONNRESET).
     */
    @Override
    @Async
    public long send(FsContext ctx, Message m) {
        if (m.has(MessageFlags.MSG_OOB)) return -Errno.EOPNOTSUPP;
        long total = m.source.remaining(), sent = 0, deadline = deadline(false);
        byte[] chunk = Kmem.newBytes((int) Math.min(CHUNK, Math.max(1, total)));
        long rc = 0;
        while (true) {
            int probe = conn.send(chunk, 0, 0); // the connection's errors and state, nothing queued
            if (probe < 0 && probe != -Errno.EAGAIN) {
                rc = sent > 0 ? sent : probe == -Errno.EPIPE || probe == -Errno.ENOTCONN ? brokenPipe(m) : probe;
                break;
            }
            if (sent >= total) {
                rc = sent;
                break;
            }
            int space = probe == -Errno.EAGAIN ? 0 : conn.sendSpace();
            if (space == 0) {
                if (nonBlocking(m)) {
                    rc = sent > 0 ? sent : -Errno.EAGAIN;
                    break;
                }
                int w = sleep(deadline);
                if (w < 0) {
                    rc = sent > 0 ? sent : w;
                    break;
                }
                continue;
            }
            int n = (int) Math.min(Math.min(space, chunk.length), total - sent);
            if (m.source.take(chunk, 0, n) < 0) {
                rc = sent > 0 ? sent : -Errno.EFAULT;
                break;
            }
            int q = conn.send(chunk, 0, n);
            KernelNetwork.flush();
            if (q < 0) {
                rc = sent > 0 ? sent : q;
                break;
            }
            sent += q;
        }
        Kmem.free(chunk);
        return rc;
    }

    /** EPIPE, and SIGPIPE unless MSG_NOSIGNAL (sk_stream_error). */
    private static long brokenPipe(Message m) {
        return m.has(MessageFlags.MSG_NOSIGNAL) ? -Errno.EPIPE : Signals.brokenPipe();
    }

    /**
     * recv(2) (tcp_recvmsg): waits for at least one byte (all the buffer
     * with MSG_WAITALL) unless non-blocking; 0 at the end of the stream;
     * MSG_PEEK leaves the bytes; the pending error (ECONNRESET) when nothing
     * is left to read; ENOTCONN before a connection.
     */
    @Override
    @Async
    public long receive(Message m) {
        if (m.has(MessageFlags.MSG_OOB)) return -Errno.EINVAL; // no urgent data is ever kept
        boolean peek = m.has(MessageFlags.MSG_PEEK);
        long room = m.sink.room();
        if (room == 0) return 0;
        long target = m.has(MessageFlags.MSG_WAITALL) && !peek ? room : 1;
        long copied = 0, deadline = deadline(true);
        byte[] chunk = Kmem.newBytes((int) Math.min(CHUNK, room));
        long rc;
        while (true) {
            int want = (int) Math.min(room - copied, chunk.length);
            int r = peek ? conn.peek(chunk, 0, want) : conn.receive(chunk, 0, want);
            if (r > 0) {
                KernelNetwork.flush(); // a window update the read made goes now
                if (m.sink.put(chunk, 0, r) < 0) {
                    rc = copied > 0 ? copied : -Errno.EFAULT;
                    break;
                }
                copied += r;
                if (peek || copied >= room || (copied >= target && conn.readable() == 0)) {
                    rc = copied;
                    break;
                }
                continue;
            }
            if (r == 0 || copied >= target) {
                rc = copied;
                break;
            }
            if (r != -Errno.EAGAIN) {
                rc = copied > 0 ? copied : r;
                break;
            }
            if (nonBlocking(m)) {
                rc = copied > 0 ? copied : -Errno.EAGAIN;
                break;
            }
            int w = sleep(deadline);
            if (w < 0) {
                rc = copied > 0 ? copied : w;
                break;
            }
        }
        Kmem.free(chunk);
        return rc;
    }

    /** shutdown(2): SHUT_WR sends a FIN after what is queued; SHUT_RD makes reads end; ENOTCONN when not connected. */
    @Override
    @Async
    public int shutdown(int how) {
        int r = conn.shutdown(how != SHUT_WR, how != SHUT_RD);
        KernelNetwork.flush();
        return r;
    }

    @Override
    public int localName(byte[] out) { return Ipv4SocketAddress.write(out, conn.localIp(), conn.localPort()); }

    @Override
    public int peerName(byte[] out) {
        TcpState s = conn.state();
        if (!s.synchronizedState() && s != TcpState.SYN_RECEIVED) return -Errno.ENOTCONN;
        return Ipv4SocketAddress.write(out, conn.remoteIp(), conn.remotePort());
    }

    /** FIONREAD (SIOCINQ): bytes to read; EINVAL on a listener (tcp_ioctl). */
    @Override
    public long unread() { return conn.state() == TcpState.LISTEN ? -Errno.EINVAL : conn.readable(); }

    @Override
    public int poll(OpenFile f, PollTable table) {
        if (table != null) table.wait(conn.wakers);
        return conn.poll();
    }

    @Override
    public int getOption(int level, int name, byte[] out) {
        if (level == TcpOptions.SOL_TCP) return tcpOptions.get(conn, name, out);
        if (level == SocketOptions.SOL_SOCKET && name == SocketOptions.SO_ACCEPTCONN) {
            LittleEndian.put32(out, 0, conn.state() == TcpState.LISTEN ? 1 : 0);
            return 4;
        }
        if (level == SocketOptions.SOL_SOCKET && name == TcpOptions.SO_LINGER) return tcpOptions.getLinger(out);
        return super.getOption(level, name, out);
    }

    /** SOL_TCP's options, SO_LINGER, and SOL_SOCKET's with what they change in the connection (buffers, keepalive). */
    @Override
    public int setOption(int level, int name, byte[] value, int len) {
        if (level == TcpOptions.SOL_TCP) return tcpOptions.set(conn, options.keepAlive, name, value, len);
        if (level == SocketOptions.SOL_SOCKET && name == TcpOptions.SO_LINGER) return tcpOptions.setLinger(value, len);
        int r = super.setOption(level, name, value, len);
        if (r < 0 || level != SocketOptions.SOL_SOCKET) return r;
        switch (name) {
            // The stack's rings hold data only: half of the doubled size, as Linux's window is about half of sk_rcvbuf.
            case SocketOptions.SO_SNDBUF, SocketOptions.SO_SNDBUFFORCE -> conn.setSendBuffer(options.sendBuffer / 2);
            case SocketOptions.SO_RCVBUF, SocketOptions.SO_RCVBUFFORCE -> conn.setReceiveBuffer(options.receiveBuffer / 2);
            case SocketOptions.SO_KEEPALIVE -> tcpOptions.applyKeepalive(conn, options.keepAlive);
            default -> {}
        }
        return 0;
    }

    /**
     * The last close (tcp_close): a FIN after the queued data, or a reset
     * when bytes were left unread or SO_LINGER is on with a zero timeout;
     * the connection finishes on its own and the stack frees it.
     */
    @Override
    @Async
    public void released(OpenFile f) {
        if (closed) return;
        closed = true;
        unwatch();
        if (tcpOptions.lingerOn && tcpOptions.lingerSeconds == 0 && conn.state() != TcpState.LISTEN) conn.abort();
        conn.close();
        KernelNetwork.flush();
    }
}
