package lichen.kernel.selftest;

import lichen.arch.aarch64.Timer;
import lichen.arch.aarch64.TimerClock;
import lichen.libkernel.Errno;
import lichen.net.Ipv4Address;
import lichen.net.stack.NetStack;
import lichen.net.tcp.TcpConnection;
import lichen.net.tcp.TcpState;
import lichen.net.udp.UdpSocket;
import lichen.net.udp.UdpLayer;

/**
 * The TCP/IP stack (net/, docs/net.md) compiled into the kernel and run on
 * the machine over its loopback, on the generic timer's clock: what its
 * JUnit tests prove on the JVM holds for jcc's code too. Prints the
 * loopback's TCP throughput as a figure.
 */
final class NetworkTests {
    private NetworkTests() {}

    static void runAll() {
        SelfTest.check("TCP over the stack's loopback: a handshake, 1 MiB in order, and both closes", NetworkTests::tcpOverLoopback);
        SelfTest.check("a 65507-byte UDP datagram crosses the loopback in fragments and is reassembled", NetworkTests::udpFragments);
    }

    private static byte pattern(int i) { return (byte) (i * 31 + (i >>> 11)); }

    private static String tcpOverLoopback() {
        NetStack stack = new NetStack(new TimerClock(), Timer.nanos());
        TcpConnection l = stack.tcp.open();
        if (l.bind(0, 7) != 0 || l.listen(1) != 0) return "listen failed";
        TcpConnection c = stack.tcp.open();
        if (c.connect(Ipv4Address.LOOPBACK, 7) != -Errno.EINPROGRESS) return "connect did not start";
        stack.poll();
        TcpConnection s = l.accept();
        if (s == null || c.state() != TcpState.ESTABLISHED) return "no connection after the handshake";
        int total = 1 << 20;
        byte[] out = new byte[16384];
        byte[] in = new byte[16384];
        int sent = 0, got = 0;
        long start = Timer.nanos();
        for (int round = 0; round < 100_000 && got < total; round++) {
            if (sent < total) {
                int n = Math.min(out.length, total - sent);
                for (int i = 0; i < n; i++) out[i] = pattern(sent + i);
                int r = c.send(out, 0, n);
                if (r > 0) sent += r;
                else if (r != -Errno.EAGAIN) return "send: " + r;
            }
            stack.poll();
            int r;
            while ((r = s.receive(in, 0, in.length)) > 0) {
                for (int i = 0; i < r; i++) if (in[i] != pattern(got + i)) return "byte " + (got + i) + " is wrong";
                got += r;
            }
        }
        long ns = Timer.nanos() - start;
        if (got != total) return "received " + got + " of " + total;
        System.out.println("  net: loopback TCP moved 1 MiB in " + ns / 1000 + " us (" + (total * 1000L / Math.max(1, ns / 1000)) + " KB/s)");
        c.close();
        stack.poll();
        s.close();
        stack.poll();
        l.close();
        if (c.state() != TcpState.TIME_WAIT) return "the active closer is in " + c.state().name() + ", not TIME_WAIT";
        if (stack.tcp.count() != 1) return stack.tcp.count() + " sockets hold ports, not only the TIME_WAIT one";
        return null;
    }

    private static String udpFragments() {
        NetStack stack = new NetStack(new TimerClock(), 1);
        UdpSocket server = stack.udp.open(), client = stack.udp.open();
        server.setReceiveBuffer(128 * 1024);
        if (server.bind(Ipv4Address.LOOPBACK, 9) != 0) return "bind failed";
        byte[] d = new byte[UdpLayer.MAX_PAYLOAD];
        for (int i = 0; i < d.length; i++) d[i] = pattern(i);
        int r = client.sendTo(Ipv4Address.LOOPBACK, 9, d, 0, d.length);
        if (r != d.length) return "sendto: " + r;
        stack.poll();
        byte[] got = new byte[d.length];
        r = server.receiveFrom(got, 0, got.length);
        if (r != d.length) return "recvfrom: " + r;
        for (int i = 0; i < d.length; i++) if (got[i] != d[i]) return "byte " + i + " is wrong";
        server.close();
        client.close();
        return null;
    }
}
