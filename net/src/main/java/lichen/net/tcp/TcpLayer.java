package lichen.net.tcp;

import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.fs.ObjectList;
import lichen.libkernel.Errno;
import lichen.net.Ipv4Address;
import lichen.net.ip.Ipv4Header;
import lichen.net.stack.EphemeralPorts;
import lichen.net.stack.IpOutput;

/**
 * TCP's half of the stack: the table of sockets that hold a port, the
 * demultiplexing of arriving segments to a connection by its four-tuple or
 * to a listener by its port (RFC 9293 3.10.7.1-3.10.7.2, with resets for
 * segments nobody takes), initial sequence numbers (RFC 6528), and the
 * timers of every connection, which {@link #poll} fires when due.
 */
@Slab
public final class TcpLayer {
    private final IpOutput ip;
    /** The segment being built: IpOutput.HEADROOM bytes, a header with options, up to 64 KiB of data. */
    final byte[] tx = Kmem.newBytes(IpOutput.HEADROOM + 60 + 65536);
    private final TcpSegment segment = new TcpSegment();
    private final EphemeralPorts ports = new EphemeralPorts();
    private final ObjectList<TcpConnection> table = new ObjectList<>();
    private final long secret;

    /** {@code secret} keys the initial sequence numbers (RFC 6528 3: a random value chosen at boot). */
    public TcpLayer(IpOutput ip, long secret) {
        this.ip = ip;
        this.secret = secret;
    }

    /** socket(AF_INET, SOCK_STREAM, 0): a CLOSED socket with default buffers. */
    public TcpConnection open() { return new TcpConnection(this); }

    /** Sockets holding a port (listeners, connections, children not yet accepted, TIME_WAIT). */
    public int count() { return table.size(); }

    /** A segment IP delivered, {@code p[off, off + len)} from {@code source} to {@code destination}. */
    public void receive(int source, int destination, byte[] p, int off, int len) {
        TcpSegment s = segment;
        if (!s.decode(p, off, len, source, destination)) return;
        long now = ip.now();
        TcpConnection listener = null;
        for (int i = 0; i < table.size(); i++) {
            TcpConnection c = table.get(i);
            if (c.localPort != s.destinationPort) continue;
            if (c.state == TcpState.LISTEN) {
                if (c.localIp == Ipv4Address.ANY || c.localIp == destination) listener = c;
                continue;
            }
            if (c.remotePort == s.sourcePort && c.remoteIp == source && c.localIp == destination) {
                TcpInput.segmentArrives(c, s, now);
                return;
            }
        }
        if (listener != null) listenerReceives(listener, s, now);
        else TcpOutput.sendResetFor(this, s);
    }

    /**
     * An ICMP destination-unreachable quoting our segment with sequence number
     * {@code seq}: a connection still opening gives up with {@code errno}
     * (ECONNREFUSED for port unreachable), as Linux's tcp_v4_err does; an
     * established one takes it as a soft error and goes on (RFC 1122 4.2.3.9,
     * RFC 5461). A quote whose sequence number we never sent is ignored (RFC 5927 4.1).
     */
    public void unreachable(int ourIp, int ourPort, int theirIp, int theirPort, int seq, int errno) {
        for (int i = 0; i < table.size(); i++) {
            TcpConnection c = table.get(i);
            if (c.localPort != ourPort || c.remotePort != theirPort || c.remoteIp != theirIp || c.localIp != ourIp) continue;
            if (c.state == TcpState.SYN_SENT && SequenceNumber.ge(seq, c.sndUna) && SequenceNumber.lt(seq, c.sndMax)) c.fail(errno);
            return;
        }
    }

    /** Fires the timers due at {@code now}. */
    public void poll(long now) {
        for (int i = table.size() - 1; i >= 0; i--) {
            if (i >= table.size()) continue; // a timer closed more than one
            TcpConnection c = table.get(i);
            if (c.nextDeadline() <= now) TcpTimers.fire(c, now);
        }
    }

    /** The earliest timer of any connection, {@link Long#MAX_VALUE} when none runs. */
    public long nextDeadline() {
        long d = Long.MAX_VALUE;
        for (int i = 0; i < table.size(); i++) d = Math.min(d, table.get(i).nextDeadline());
        return d;
    }

    /** RFC 9293 3.10.7.2: a segment for a LISTEN socket. */
    private void listenerReceives(TcpConnection l, TcpSegment s, long now) {
        if (s.has(TcpHeader.RST)) return;
        if (s.has(TcpHeader.ACK)) {
            TcpOutput.sendResetFor(this, s);
            return;
        }
        if (!s.has(TcpHeader.SYN) || l.acceptQueue.full()) return;
        TcpConnection c = new TcpConnection(this);
        if (l.receiveBuffer.capacity() != c.receiveBuffer.capacity()) c.setReceiveBuffer(l.receiveBuffer.capacity());
        if (l.sendBuffer.capacity() != c.sendBuffer.capacity()) c.setSendBuffer(l.sendBuffer.capacity());
        c.setKeepalive(l.keepalive, l.keepaliveIdle, l.keepaliveInterval, l.keepaliveCount);
        c.reuseAddress = l.reuseAddress;
        c.rtt.minRto = l.rtt.minRto;
        c.localIp = s.destinationIp;
        c.localPort = s.destinationPort;
        c.remoteIp = s.sourceIp;
        c.remotePort = s.sourcePort;
        c.irs = s.seq;
        c.rcvNxt = s.seq + 1;
        c.offerScale = s.windowScale >= 0; // RFC 7323 2.2: offer it only in reply to one
        c.receiveScale = c.offerScale ? scaleFor(c.receiveBuffer.capacity()) : 0;
        TcpInput.takeSynOptions(c, s);
        c.iss = initialSequence(c, now);
        c.sndUna = c.sndNxt = c.sndMax = c.iss;
        c.sndWnd = s.window;
        c.sndWl1 = s.seq;
        c.state = TcpState.SYN_RECEIVED;
        c.lastHeard = now;
        c.listener = l;
        add(c);
        l.acceptQueue.add(c);
        TcpOutput.transmit(c, now);
    }

    int bind(TcpConnection c, int address, int port) {
        int p = ports.claim(ip, address, port, (q, a) -> portTaken(q, a, c));
        if (p < 0) return p;
        c.localIp = address;
        c.localPort = p;
        add(c);
        return 0;
    }

    int connect(TcpConnection c, int address, int port) {
        int source = c.localIp != Ipv4Address.ANY ? c.localIp : ip.sourceFor(address);
        if (source == 0) return -Errno.ENETUNREACH;
        for (int i = 0; i < table.size(); i++) {
            TcpConnection o = table.get(i);
            if (o != c && o.localPort == c.localPort && o.remotePort == port && o.remoteIp == address && o.localIp == source) return -Errno.EADDRINUSE;
        }
        if (c.localPort == 0) {
            int r = bind(c, Ipv4Address.ANY, 0);
            if (r < 0) return r;
        }
        long now = ip.now();
        c.localIp = source;
        c.remoteIp = address;
        c.remotePort = port;
        c.receiveScale = scaleFor(c.receiveBuffer.capacity());
        c.iss = initialSequence(c, now);
        c.sndUna = c.sndNxt = c.sndMax = c.iss;
        c.lastHeard = now;
        c.state = TcpState.SYN_SENT;
        TcpOutput.transmit(c, now);
        return -Errno.EINPROGRESS;
    }

    /** The connection is CLOSED: its timers stop, its port is free; freed now if nobody holds it. */
    void enterClosed(TcpConnection c) {
        c.state = TcpState.CLOSED;
        c.retransmitDeadline = c.persistDeadline = c.closeDeadline = TcpConnection.NEVER;
        remove(c);
        if (c.listener != null) {
            c.listener.acceptQueue.remove(c);
            c.listener = null;
            c.free();
            return;
        }
        if (c.userClosed) c.free();
        else c.wake();
    }

    /** A CLOSED socket the user closed. */
    void release(TcpConnection c) {
        remove(c);
        c.free();
    }

    /** A listener closes: the children waiting in its queue are reset (RFC 9293 3.10.4 for LISTEN; Linux resets them). */
    void closeListener(TcpConnection l) {
        AcceptQueue q = l.acceptQueue;
        while (q.size() > 0) {
            TcpConnection c = q.get(0);
            q.remove(c);
            c.listener = null;
            c.userClosed = true;
            c.abort();
        }
        l.state = TcpState.CLOSED;
        remove(l);
        if (l.userClosed) l.free();
        else l.wake();
    }

    void emit(int source, int destination, byte[] b, int off, int len) { ip.send(source, destination, Ipv4Header.PROTOCOL_TCP, b, off, len); }

    /** The MSS to offer and to cap sends at: the route's MTU less the IPv4 and TCP headers (RFC 9293 3.7.1). */
    int mssFor(int destination) {
        int mtu = ip.mtuFor(destination);
        return mtu <= 0 ? TcpConnection.DEFAULT_MSS : Math.min(0xffff, mtu - 40);
    }

    long now() { return ip.now(); }

    /** The smallest shift that lets a window of the whole buffer fit 16 bits (RFC 7323 2.3, at most 14). */
    static int scaleFor(int capacity) {
        int shift = 0;
        while (shift < 14 && (capacity >> shift) > 0xffff) shift++;
        return shift;
    }

    /** RFC 6528 3: ISN = M + F(localip, localport, remoteip, remoteport, secretkey), M a 4-microsecond clock. */
    private int initialSequence(TcpConnection c, long now) {
        long x = secret ^ ((long) c.localIp << 32 | (c.remoteIp & 0xffffffffL)) ^ ((long) c.localPort << 16 | c.remotePort) * 0x9e3779b97f4a7c15L;
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        x ^= x >>> 31;
        return (int) (now / 4000) + (int) x;
    }

    /**
     * Whether {@code port} on {@code address} is someone else's for {@code c}.
     * With SO_REUSEADDR on both, only a listener holds it; with it on {@code c},
     * a TIME_WAIT connection does not (so a server restarts at once, as on Linux).
     */
    private boolean portTaken(int port, int address, TcpConnection c) {
        for (int i = 0; i < table.size(); i++) {
            TcpConnection o = table.get(i);
            if (o == c || o.localPort != port) continue;
            if (o.localIp != Ipv4Address.ANY && address != Ipv4Address.ANY && o.localIp != address) continue;
            if (c.reuseAddress && (o.state == TcpState.TIME_WAIT || (o.reuseAddress && o.state != TcpState.LISTEN))) continue;
            return true;
        }
        return false;
    }

    private void add(TcpConnection c) {
        if (table.indexOf(c) < 0) table.add(c);
    }

    private void remove(TcpConnection c) {
        int i = table.indexOf(c);
        if (i >= 0) table.removeAt(i);
    }
}
