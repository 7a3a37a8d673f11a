package lichen.net.tcp;

import java.util.ArrayDeque;
import lichen.libkernel.async.SimulatedClock;
import lichen.net.stack.IpOutput;

/** One host's IP layer in a TCP test: it keeps every segment its TcpLayer sends, for the test to deliver, drop or inspect. */
final class Wire implements IpOutput {
    record Sent(int source, int destination, byte[] bytes) {
        int flags() { return TcpHeader.flags(bytes, 0); }

        int seq() { return TcpHeader.sequence(bytes, 0); }

        int ack() { return TcpHeader.acknowledgment(bytes, 0); }

        int window() { return TcpHeader.window(bytes, 0); }

        int dataLength() { return bytes.length - TcpHeader.headerLength(bytes, 0); }

        boolean has(int flag) { return (flags() & flag) != 0; }

        TcpSegment decode() {
            TcpSegment s = new TcpSegment();
            if (!s.decode(bytes, 0, bytes.length, source, destination)) throw new AssertionError("bad segment");
            return s;
        }
    }

    final SimulatedClock clock;
    final int address;
    final ArrayDeque<Sent> sent = new ArrayDeque<>();
    int mtu = 1500;
    TcpLayer layer;

    Wire(SimulatedClock clock, int address, long secret) {
        this.clock = clock;
        this.address = address;
        this.layer = new TcpLayer(this, secret);
    }

    public int send(int source, int destination, int protocol, byte[] buf, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        sent.add(new Sent(source, destination, copy));
        return 0;
    }

    public int sourceFor(int destination) { return address; }

    public int mtuFor(int destination) { return mtu; }

    public boolean isLocal(int a) { return a == address; }

    public long now() { return clock.now(); }

    /** Hands a segment to this host's TCP. */
    void receive(Sent s) { layer.receive(s.source(), s.destination(), s.bytes(), 0, s.bytes().length); }
}
