package lichen.net.tcp;

import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.fs.vfs.PollEvents;
import lichen.libkernel.Errno;
import lichen.libkernel.sync.WakerSet;
import lichen.net.Ipv4Address;

/**
 * One TCP socket (RFC 9293): its user calls (3.10.1-3.10.6: OPEN as {@link
 * #connect} and {@link #listen}, SEND, RECEIVE, CLOSE, ABORT, STATUS as {@link
 * #poll}), its state and sequence variables (3.3.1), buffers, timers and
 * congestion state. Segment arrival is {@link TcpInput}, sending {@link
 * TcpOutput}, timers {@link TcpTimers}.
 *
 * <p>No call sleeps: one that cannot go on returns -EAGAIN (or -EINPROGRESS
 * for connect), and the socket layer sleeps on {@link #wakers}, which every
 * change of {@link #poll}'s answer wakes, as Linux's sk_wait_event does.
 */
@Slab
public final class TcpConnection {
    /** SO_SNDBUF's and SO_RCVBUF's default (Linux's tcp_wmem and tcp_rmem defaults are 16 KiB and 128 KiB). */
    public static final int DEFAULT_BUFFER = 128 * 1024;
    /** The MSS assumed when the peer's SYN carries none (RFC 9293 3.7.1). */
    static final int DEFAULT_MSS = 536;
    /** Linux's TCP_TIMEWAIT_LEN: 2 * MSL with an MSL of 30 s (RFC 9293 3.4.2 suggests 2 minutes). */
    public static final long TIME_WAIT_NS = 60_000_000_000L;
    /** How long an orphaned FIN_WAIT_2 waits for the peer's FIN (Linux's tcp_fin_timeout). */
    static final long FIN_WAIT_2_NS = 60_000_000_000L;
    /** Retransmissions of data before ETIMEDOUT (Linux's tcp_retries2; RFC 1122 4.2.3.5's R2). */
    static final int MAX_RETRANSMISSIONS = 15;
    /** Retransmissions of a SYN (Linux's tcp_syn_retries). */
    static final int MAX_SYN_RETRANSMISSIONS = 6;
    static final long NEVER = Long.MAX_VALUE;

    final TcpLayer layer;
    TcpState state = TcpState.CLOSED;
    int localIp, localPort, remoteIp, remotePort;

    // Send sequence space (RFC 9293 3.3.1); SND.MAX is the highest SND.NXT reached, kept across go-back-N after a timeout.
    int iss, sndUna, sndNxt, sndMax, sndWnd, sndWl1, sndWl2;
    // Receive sequence space; rcvAdvertised is RCV.NXT + RCV.WND as last sent (the window never shrinks: 3.8.6.2.2).
    int irs, rcvNxt, rcvAdvertised;
    /** The shifts of RFC 7323 2.3: ours for the windows we send, the peer's for those it sends; 0 without the option. */
    int sendScale, receiveScale;
    /** The window-scale option was offered in our SYN (the passive side offers it only when the peer did). */
    boolean offerScale = true;
    int sendMss = DEFAULT_MSS;

    final SendBuffer sendBuffer = new SendBuffer(DEFAULT_BUFFER);
    final ReceiveBuffer receiveBuffer = new ReceiveBuffer(DEFAULT_BUFFER);
    /** shutdown(SHUT_WR) or close: a FIN follows the queued data. */
    boolean finQueued;
    boolean finAcked;
    /** The peer's FIN came in order: reads end at the data before it. */
    boolean peerFin;
    /** A FIN that came ahead of missing data, at this sequence number, once the gap fills. */
    boolean finHeld;
    int heldFinSeq;
    boolean readShutdown;
    boolean ackNeeded;

    final RttEstimator rtt = new RttEstimator();
    final NewReno congestion = new NewReno();
    /** The one segment being timed for an RTT sample (RFC 6298 3; Karn: cleared by any retransmission). */
    boolean timing;
    int timedSeq;
    long timedAt;

    long retransmitDeadline = NEVER;
    int retransmissions;
    long persistDeadline = NEVER;
    long persistInterval;
    long closeDeadline = NEVER; // TIME_WAIT's end, or an orphaned FIN_WAIT_2's
    boolean keepalive;
    long keepaliveIdle = 7200_000_000_000L;
    long keepaliveInterval = 75_000_000_000L;
    int keepaliveCount = 9;
    int keepaliveProbes;
    long lastHeard;

    /** A pending error for SO_ERROR and the next call (a positive errno), 0 for none. */
    int error;
    /** SO_REUSEADDR: bind may take a port that TIME_WAIT connections (or others with it set) hold. */
    boolean reuseAddress;
    /** The user closed the socket: the layer frees it when it reaches CLOSED. */
    boolean userClosed;
    boolean everConnected;
    /** Set on a listening socket: its SYN_RECEIVED children and those established and not yet accepted. */
    AcceptQueue acceptQueue;
    /** A passive child's listener, until it is accepted. */
    TcpConnection listener;
    /** Poll registrations: woken with the bits now ready. */
    public final WakerSet wakers = new WakerSet();

    TcpConnection(TcpLayer layer) { this.layer = layer; }

    public TcpState state() { return state; }

    public int localIp() { return localIp; }

    public int localPort() { return localPort; }

    public int remoteIp() { return remoteIp; }

    public int remotePort() { return remotePort; }

    /** bind(2): 0, -EADDRINUSE, -EADDRNOTAVAIL, -EINVAL (bound already). Port 0 picks a free one. */
    public int bind(int ip, int port) {
        if (localPort != 0 || state != TcpState.CLOSED) return -Errno.EINVAL;
        return layer.bind(this, ip, port);
    }

    /** listen(2): the socket takes connections, up to {@code backlog} waiting to be accepted. */
    public int listen(int backlog) {
        if (state == TcpState.LISTEN) {
            acceptQueue.backlog = Math.max(1, backlog);
            return 0;
        }
        if (state != TcpState.CLOSED || everConnected) return -Errno.EINVAL;
        if (localPort == 0) {
            int r = layer.bind(this, Ipv4Address.ANY, 0);
            if (r < 0) return r;
        }
        acceptQueue = new AcceptQueue(Math.max(1, backlog));
        state = TcpState.LISTEN;
        return 0;
    }

    /**
     * accept(2): an established connection from the queue, or null when none
     * waits ({@link #poll} says POLLIN when one does).
     */
    public TcpConnection accept() {
        if (acceptQueue == null) return null;
        TcpConnection c = acceptQueue.take();
        if (c != null) c.listener = null;
        return c;
    }

    /**
     * connect(2): sends the SYN (RFC 9293 3.10.1, active OPEN) and returns
     * -EINPROGRESS; the socket becomes writable when established, or gets an
     * error (ECONNREFUSED, ETIMEDOUT). -EISCONN, -EALREADY, -ENETUNREACH.
     */
    public int connect(int ip, int port) {
        if (state == TcpState.SYN_SENT) return -Errno.EALREADY;
        if (state != TcpState.CLOSED) return -Errno.EISCONN;
        if (everConnected) return -Errno.EISCONN;
        if (port <= 0 || port > 0xffff) return -Errno.EINVAL;
        return layer.connect(this, ip, port);
    }

    /**
     * send(2): queues up to {@code len} bytes and sends what the windows
     * allow; the count queued, -EAGAIN when the send buffer is full (or the
     * handshake is not done), -EPIPE after shutdown or the peer's reset
     * (which is reported once as its error first), -ENOTCONN.
     */
    public int send(byte[] src, int off, int len) {
        if (error != 0) return -takeError();
        if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) return -Errno.EAGAIN;
        if (state == TcpState.CLOSED || state == TcpState.LISTEN) return everConnected ? -Errno.EPIPE : -Errno.ENOTCONN;
        if (finQueued || !state.canSend()) return -Errno.EPIPE;
        int n = sendBuffer.append(src, off, len);
        if (n == 0 && len > 0) return -Errno.EAGAIN;
        TcpOutput.transmit(this, layer.now());
        return n;
    }

    /**
     * recv(2): up to {@code len} bytes in order; 0 at end of stream (the
     * peer's FIN, or shutdown(SHUT_RD)); -EAGAIN when nothing is there yet;
     * the pending error (ECONNRESET...); -ENOTCONN before a connection.
     */
    public int receive(byte[] out, int off, int len) {
        if (receiveBuffer.readable() > 0 && !readShutdown) {
            int before = TcpOutput.windowToAdvertise(this);
            int n = receiveBuffer.read(out, off, len);
            // Tell a peer that was held back that there is room again (a window update, 3.8.6.2.2).
            if (state.synchronizedState() && TcpOutput.windowToAdvertise(this) - before >= Math.min(receiveBuffer.capacity() / 2, sendMss)) {
                ackNeeded = true;
                TcpOutput.transmit(this, layer.now());
            }
            return n;
        }
        if (peerFin || readShutdown) return 0;
        if (error != 0) return -takeError();
        if (state == TcpState.CLOSED || state == TcpState.LISTEN) return everConnected ? 0 : -Errno.ENOTCONN;
        return -Errno.EAGAIN;
    }

    /** recv(2) with MSG_PEEK: as {@link #receive}, but the bytes stay to be read again. */
    public int peek(byte[] out, int off, int len) {
        if (receiveBuffer.readable() > 0 && !readShutdown) return receiveBuffer.peek(out, off, len);
        return receive(out, off, len); // nothing readable: end of stream, the error or EAGAIN, and nothing consumed
    }

    /** Bytes {@link #send} would queue now (the send buffer's free space). */
    public int sendSpace() { return sendBuffer.space(); }

    /** Bytes ready to read (FIONREAD). */
    public int readable() { return readShutdown ? 0 : receiveBuffer.readable(); }

    /** Bytes queued and not yet acknowledged (TIOCOUTQ). */
    public int unacknowledged() { return sendBuffer.length(); }

    /**
     * shutdown(2): {@code write} sends a FIN after the queued data (RFC 9293
     * 3.10.4's CLOSE for the sending half); {@code read} makes reads return 0.
     * -ENOTCONN when not connected.
     */
    public int shutdown(boolean read, boolean write) {
        if (!state.synchronizedState() && state != TcpState.SYN_RECEIVED && state != TcpState.SYN_SENT) {
            if (state == TcpState.LISTEN && read) {
                layer.closeListener(this);
                return 0;
            }
            return -Errno.ENOTCONN;
        }
        if (read) {
            readShutdown = true;
            wake();
        }
        if (write) queueFin();
        return 0;
    }

    /**
     * close(2): RFC 9293 3.10.4. A listener's pending connections are reset;
     * a connection with unread data is reset (RFC 2525 2.17, as Linux does);
     * else a FIN follows the queued data and the connection finishes on its
     * own, freed when it reaches CLOSED.
     */
    public void close() {
        if (userClosed) return;
        userClosed = true;
        switch (state) {
            case LISTEN -> layer.closeListener(this);
            case CLOSED -> layer.release(this);
            case SYN_SENT -> layer.enterClosed(this);
            default -> {
                if (receiveBuffer.readable() > 0 && !readShutdown) abort();
                else queueFin();
            }
        }
    }

    /** ABORT (RFC 9293 3.10.5; SO_LINGER with a zero timeout): a reset to the peer, CLOSED at once. */
    public void abort() {
        if (state.synchronizedState() || state == TcpState.SYN_RECEIVED) TcpOutput.sendReset(this);
        layer.enterClosed(this);
    }

    /** The poll(2) bits ready now, as Linux's tcp_poll computes them. */
    public int poll() {
        int mask = 0;
        if (state == TcpState.LISTEN) return acceptQueue.ready() > 0 ? PollEvents.READABLE : 0;
        boolean writeShut = finQueued || (state == TcpState.CLOSED && everConnected);
        boolean readShut = peerFin || readShutdown || (state == TcpState.CLOSED && everConnected);
        if (state == TcpState.CLOSED || (readShut && writeShut)) mask |= PollEvents.POLLHUP;
        if (readShut) mask |= PollEvents.READABLE | PollEvents.POLLRDHUP;
        if (state != TcpState.SYN_SENT && state != TcpState.SYN_RECEIVED) {
            if (receiveBuffer.readable() > 0) mask |= PollEvents.READABLE;
            if (writeShut || state == TcpState.CLOSED) mask |= PollEvents.WRITABLE;
            else if (sendBuffer.space() > 0) mask |= PollEvents.WRITABLE;
        }
        if (error != 0) mask |= PollEvents.POLLERR;
        return mask;
    }

    /** SO_ERROR: the pending error, cleared. */
    public int takeError() {
        int e = error;
        error = 0;
        return e;
    }

    /** SO_SNDBUF. */
    public void setSendBuffer(int bytes) { sendBuffer.resize(Math.max(2048, bytes)); }

    /** SO_RCVBUF; it sets the window-scale shift, so it counts before connect or listen (as Linux's does). */
    public void setReceiveBuffer(int bytes) { receiveBuffer.resize(Math.max(2048, bytes)); }

    public int sendBufferSize() { return sendBuffer.capacity(); }

    public int receiveBufferSize() { return receiveBuffer.capacity(); }

    /** SO_REUSEADDR (socket(7)); set before bind. */
    public void setReuseAddress(boolean on) { reuseAddress = on; }

    /** SO_KEEPALIVE with TCP_KEEPIDLE, TCP_KEEPINTVL and TCP_KEEPCNT (RFC 1122 4.2.3.6). */
    public void setKeepalive(boolean on, long idleNs, long intervalNs, int count) {
        keepalive = on;
        keepaliveIdle = idleNs;
        keepaliveInterval = intervalNs;
        keepaliveCount = count;
        keepaliveProbes = 0;
    }

    /** The RTO's lower bound (RFC 6298 2.4's 1 s by default; Linux uses 200 ms). */
    public void setMinimumRto(long ns) { rtt.minRto = ns; }

    /** Smoothed RTT, its variation and the current RTO in nanoseconds (TCP_INFO's tcpi_rtt, rttvar, rto). */
    public long smoothedRtt() { return rtt.srtt; }

    public long rttVariation() { return rtt.rttvar; }

    public long retransmissionTimeout() { return rtt.rto; }

    public int congestionWindow() { return congestion.cwnd; }

    public int slowStartThreshold() { return congestion.ssthresh; }

    public int sendMss() { return sendMss; }

    /** The peer's window in bytes, after its scale. */
    public int sendWindow() { return sndWnd; }

    public int sendScale() { return sendScale; }

    public int receiveScale() { return receiveScale; }

    /** The earliest time one of this connection's timers fires, {@link Long#MAX_VALUE} for none. */
    public long nextDeadline() {
        long d = Math.min(retransmitDeadline, Math.min(persistDeadline, closeDeadline));
        if (keepalive && keepaliveApplies()) d = Math.min(d, TcpTimers.keepaliveDeadline(this));
        return d;
    }

    boolean keepaliveApplies() { return state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT; }

    void queueFin() {
        if (finQueued) return;
        switch (state) {
            case SYN_RECEIVED -> {
                // RFC 9293 3.10.4: the FIN waits for the handshake (TcpInput moves on to FIN_WAIT_1).
                finQueued = true;
                return;
            }
            case ESTABLISHED -> state = TcpState.FIN_WAIT_1;
            case CLOSE_WAIT -> state = TcpState.LAST_ACK;
            default -> {
                return;
            }
        }
        finQueued = true;
        TcpOutput.transmit(this, layer.now());
        wake();
    }

    /** The connection failed: the error for the user, CLOSED. */
    void fail(int errno) {
        error = errno;
        layer.enterClosed(this);
    }

    void wake() { wakers.wakeAll(poll()); }

    /** Gives the buffers and the object back (the layer, once nothing refers to it). */
    void free() {
        sendBuffer.free();
        receiveBuffer.free();
        Kmem.free(sendBuffer);
        Kmem.free(receiveBuffer);
        Kmem.free(rtt);
        Kmem.free(congestion);
        if (acceptQueue != null) acceptQueue.free();
        Kmem.free(this);
    }
}
