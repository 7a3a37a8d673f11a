package lichen.net.tool;

import java.util.PriorityQueue;
import java.util.Random;
import lichen.api.HostOnly;
import lichen.libkernel.async.SimulatedClock;
import lichen.net.Ipv4Address;
import lichen.net.stack.IpInterface;
import lichen.net.stack.NetStack;
import lichen.net.stack.NetworkInterface;

/**
 * Two stacks on one simulated Ethernet segment (10.0.0.1 and 10.0.0.2/24),
 * on a simulated clock: each direction has a bit rate, a propagation delay
 * and a queue of bounded length (tail drop), and a seeded random source
 * loses, duplicates and delays (so reorders) frames. Runs are reproducible:
 * the same seed gives the same frames at the same nanoseconds.
 */
@HostOnly
public final class SimulatedLink {
    public static final int LEFT_IP = Ipv4Address.of(10, 0, 0, 1);
    public static final int RIGHT_IP = Ipv4Address.of(10, 0, 0, 2);

    public final SimulatedClock clock = new SimulatedClock();
    public final NetStack left = new NetStack(clock, 11);
    public final NetStack right = new NetStack(clock, 22);
    public final Port leftPort = new Port(0x020000000001L);
    public final Port rightPort = new Port(0x020000000002L);
    public final IpInterface leftInterface = left.attach(leftPort, LEFT_IP, 24, 0);
    public final IpInterface rightInterface = right.attach(rightPort, RIGHT_IP, 24, 0);

    private final Random random;
    public double loss, duplication, reordering;
    /** Bits per second of each direction, and the one-way delay. */
    public long bitsPerSecond = 100_000_000L;
    public long delayNs = 1_000_000L;
    public int queueLimit = 64;
    public long framesSent, framesLost, framesDuplicated, bytesCarried;

    /** A frame on the wire; {@code to} null when it is lost; {@code queued} when it holds a place in its sender's queue. */
    private record Frame(long at, long order, Port from, Port to, byte[] bytes, boolean queued) {}

    private final PriorityQueue<Frame> inFlight = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long order;

    public SimulatedLink(long seed) { random = new Random(seed); }

    /** One end's device: what it transmits crosses to the other end. */
    public final class Port implements NetworkInterface {
        final long mac;
        long busyUntil;
        int queued;

        Port(long mac) { this.mac = mac; }

        public String name() { return "sim" + (mac & 0xf); }

        public long macAddress() { return mac; }

        public int mtu() { return 1500; }

        public boolean usesArp() { return true; }

        public boolean transmit(byte[] frame, int off, int len) {
            framesSent++;
            if (queued >= queueLimit) {
                framesLost++;
                return false;
            }
            long now = clock.now();
            long start = Math.max(now, busyUntil);
            busyUntil = start + (len + 24) * 8L * 1_000_000_000L / bitsPerSecond; // preamble, FCS and gap: 24 bytes
            queued++;
            if (random.nextDouble() < loss) {
                framesLost++;
                inFlight.add(new Frame(busyUntil, order++, this, null, null, true)); // occupies the wire, arrives nowhere
                return true;
            }
            byte[] copy = new byte[len];
            System.arraycopy(frame, off, copy, 0, len);
            Port to = this == leftPort ? rightPort : leftPort;
            long at = busyUntil + delayNs;
            if (random.nextDouble() < reordering) at += random.nextInt(5) * delayNs;
            inFlight.add(new Frame(at, order++, this, to, copy, true));
            if (random.nextDouble() < duplication) {
                framesDuplicated++;
                inFlight.add(new Frame(at + delayNs / 2, order++, this, to, copy, false));
            }
            return true;
        }
    }

    /**
     * Moves time to the next event (a frame arriving or a stack's timer) no
     * later than {@code limit}, delivers what is due and polls both stacks.
     * False when nothing is left to happen before the limit.
     */
    public boolean step(long limit) {
        long next = Math.min(left.nextDeadline(), right.nextDeadline());
        Frame f = inFlight.peek();
        if (f != null) next = Math.min(next, f.at);
        if (next > limit) {
            if (clock.now() < limit) clock.advance(limit - clock.now());
            return false;
        }
        if (next > clock.now()) clock.advance(next - clock.now());
        while ((f = inFlight.peek()) != null && f.at <= clock.now()) {
            inFlight.poll();
            if (f.queued) f.from.queued--;
            if (f.to == null) continue;
            bytesCarried += f.bytes.length;
            if (f.to == leftPort) left.receive(leftInterface, f.bytes, 0, f.bytes.length);
            else right.receive(rightInterface, f.bytes, 0, f.bytes.length);
        }
        left.poll();
        right.poll();
        return true;
    }
}
