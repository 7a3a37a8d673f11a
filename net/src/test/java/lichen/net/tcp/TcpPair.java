package lichen.net.tcp;

import lichen.libkernel.async.SimulatedClock;
import lichen.net.Ipv4Address;

/** Two hosts' TCP joined by a test-controlled wire: segments move only when the test says. */
final class TcpPair {
    static final int A = Ipv4Address.of(10, 0, 0, 1);
    static final int B = Ipv4Address.of(10, 0, 0, 2);
    final SimulatedClock clock = new SimulatedClock();
    final Wire a = new Wire(clock, A, 1);
    final Wire b = new Wire(clock, B, 2);

    /** Moves one segment from {@code from} to the other side; false when none was waiting. */
    boolean deliverOne(Wire from) {
        Wire.Sent s = from.sent.poll();
        if (s == null) return false;
        (from == a ? b : a).receive(s);
        return true;
    }

    /** Moves segments both ways until the wire is quiet; returns how many moved. */
    int deliverAll() {
        int n = 0;
        while (deliverOne(a) | deliverOne(b)) n++;
        return n;
    }

    /** Advances time by {@code ns} and fires due timers on both sides. */
    void advance(long ns) {
        clock.advance(ns);
        a.layer.poll(clock.now());
        b.layer.poll(clock.now());
    }

    /** A segment made by hand from {@code from}'s side of connection {@code c} (whose peer {@code from} is). */
    static Wire.Sent forge(TcpConnection c, int seq, int ack, int flags, int window, byte[] data) {
        int len = TcpHeader.MIN_LENGTH + data.length;
        byte[] b = new byte[len];
        TcpHeader.write(b, 0, c.remotePort(), c.localPort(), seq, ack, flags, window, TcpHeader.MIN_LENGTH);
        System.arraycopy(data, 0, b, TcpHeader.MIN_LENGTH, data.length);
        TcpHeader.writeChecksum(b, 0, len, c.remoteIp(), c.localIp());
        return new Wire.Sent(c.remoteIp(), c.localIp(), b);
    }

    /** A socket listening on B's {@code port}. */
    TcpConnection listen(int port) {
        TcpConnection l = b.layer.open();
        if (l.bind(0, port) != 0 || l.listen(4) != 0) throw new AssertionError("listen");
        return l;
    }

    /** A listener on B's {@code port} and a connection from A to it, established. Returns {client, server}. */
    TcpConnection[] connect(int port) {
        TcpConnection l = listen(port);
        TcpConnection c = a.layer.open();
        if (c.connect(B, port) != -lichen.libkernel.Errno.EINPROGRESS) throw new AssertionError("connect");
        deliverAll();
        TcpConnection s = l.accept();
        if (s == null || c.state() != TcpState.ESTABLISHED) throw new AssertionError("handshake: " + c.state());
        return new TcpConnection[] {c, s, l};
    }
}
