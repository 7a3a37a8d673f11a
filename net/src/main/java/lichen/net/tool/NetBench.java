package lichen.net.tool;

import lichen.api.HostOnly;
import lichen.libkernel.Errno;
import lichen.libkernel.async.SimulatedClock;
import lichen.net.Ipv4Address;
import lichen.net.stack.NetStack;
import lichen.net.tcp.TcpConnection;
import lichen.net.tcp.TcpState;

/**
 * net figures on the JVM (just bench-net): TCP throughput over a {@link
 * SimulatedLink} in simulated time (what the protocol achieves on the link's
 * rate, delay and loss) and the host's wall-clock rate of pushing bytes
 * through two stacks (what the code costs). Figures, not assertions.
 */
@HostOnly
public final class NetBench {
    private NetBench() {}

    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        System.out.println("net bench: " + mib + " MiB one way per run");
        link("100 Mbit/s, 1 ms, clean", 100_000_000L, 1_000_000L, 0, 1, mib);
        link("100 Mbit/s, 1 ms, 1% loss", 100_000_000L, 1_000_000L, 0.01, 1, mib);
        link("10 Mbit/s, 20 ms, 0.5% loss", 10_000_000L, 20_000_000L, 0.005, 1, Math.max(1, mib / 8));
        link("1 Gbit/s, 0.1 ms, clean", 1_000_000_000L, 100_000L, 0, 1, mib);
        loopback(mib * 4);
    }

    private static void link(String name, long bps, long delay, double loss, long seed, int mib) {
        SimulatedLink link = new SimulatedLink(seed);
        link.bitsPerSecond = bps;
        link.delayNs = delay;
        link.loss = loss;
        link.queueLimit = 128;
        TcpConnection l = link.right.tcp.open();
        l.bind(0, 5001);
        l.listen(1);
        TcpConnection c = link.left.tcp.open();
        c.setMinimumRto(200_000_000L); // Linux's floor, so a loss costs what it costs there
        c.connect(SimulatedLink.RIGHT_IP, 5001);
        long wall = System.nanoTime();
        long simulatedStart = link.clock.now();
        long moved = pump(link, c, l, (long) mib << 20);
        double simulated = (link.clock.now() - simulatedStart) / 1e9;
        double host = (System.nanoTime() - wall) / 1e9;
        System.out.printf("  %-28s %8.1f Mbit/s simulated (%.0f%% of the link), host %6.1f MiB/s, %d frames lost%n",
                name, moved * 8 / simulated / 1e6, 100.0 * moved * 8 / simulated / bps, moved / host / (1 << 20), link.framesLost);
    }

    private static long pump(SimulatedLink link, TcpConnection c, TcpConnection l, long total) {
        byte[] buf = new byte[65536];
        TcpConnection s = null;
        long sent = 0, got = 0;
        while (got < total) {
            if (s == null) s = l.accept();
            if (c.state() == TcpState.ESTABLISHED) {
                while (sent < total) {
                    int r = c.send(buf, 0, (int) Math.min(buf.length, total - sent));
                    if (r <= 0) break;
                    sent += r;
                }
            }
            if (s != null) for (int r; (r = s.receive(buf, 0, buf.length)) > 0; ) got += r;
            if (!link.step(Long.MAX_VALUE)) break;
        }
        return got;
    }

    private static void loopback(int mib) {
        SimulatedClock clock = new SimulatedClock();
        NetStack stack = new NetStack(clock, 1);
        TcpConnection l = stack.tcp.open();
        l.bind(0, 7);
        l.listen(1);
        TcpConnection c = stack.tcp.open();
        c.connect(Ipv4Address.LOOPBACK, 7);
        stack.poll();
        TcpConnection s = l.accept();
        byte[] buf = new byte[65536];
        long total = (long) mib << 20, sent = 0, got = 0;
        long wall = System.nanoTime();
        while (got < total) {
            if (sent < total) {
                int r = c.send(buf, 0, (int) Math.min(buf.length, total - sent));
                if (r > 0) sent += r;
                else if (r != -Errno.EAGAIN) break;
            }
            stack.poll();
            for (int r; (r = s.receive(buf, 0, buf.length)) > 0; ) got += r;
        }
        double host = (System.nanoTime() - wall) / 1e9;
        System.out.printf("  %-28s host %6.1f MiB/s (%d MiB)%n", "loopback TCP", got / host / (1 << 20), mib);
    }
}
