package lichen.net.stack;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import lichen.libkernel.Errno;
import lichen.libkernel.async.SimulatedClock;
import lichen.net.Ipv4Address;
import lichen.net.ip.Ipv4Header;
import lichen.net.link.ArpPacket;
import lichen.net.link.Ethernet;
import lichen.net.tcp.TcpConnection;
import lichen.net.tcp.TcpState;
import lichen.net.tool.SimulatedLink;
import lichen.net.udp.UdpSocket;
import org.junit.jupiter.api.Test;

/** The stack as the kernel drives it: routing, ARP on the wire, the loopback, hostile frames. */
class NetStackTest {
    static final int ME = Ipv4Address.of(192, 168, 7, 2), GATEWAY = Ipv4Address.of(192, 168, 7, 1);
    final SimulatedClock clock = new SimulatedClock();
    final NetStack stack = new NetStack(clock, 9);
    final CapturingDevice eth = new CapturingDevice(0x525400000002L);
    final IpInterface eth0 = stack.attach(eth, ME, 24, GATEWAY);

    @Test
    void tcpOverTheLoopback() {
        TcpConnection l = stack.tcp.open();
        l.bind(0, 8080);
        l.listen(1);
        TcpConnection c = stack.tcp.open();
        assertEquals(-Errno.EINPROGRESS, c.connect(Ipv4Address.LOOPBACK, 8080));
        stack.poll();
        assertEquals(TcpState.ESTABLISHED, c.state());
        TcpConnection s = l.accept();
        assertEquals(LoopbackInterface.MTU - 40, c.sendMss(), "the MSS follows lo's MTU");
        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        byte[] got = new byte[data.length];
        int sent = 0, read = 0;
        for (int i = 0; i < 1000 && read < data.length; i++) {
            if (sent < data.length) sent += Math.max(0, c.send(data, sent, data.length - sent));
            stack.poll();
            read += Math.max(0, s.receive(got, read, got.length - read));
        }
        assertArrayEquals(data, got);
        assertEquals(0, eth.frames.size(), "nothing left on eth0");
    }

    @Test
    void aConnectionToOurOwnAddressGoesOverTheLoopback() {
        TcpConnection l = stack.tcp.open();
        l.bind(ME, 22);
        l.listen(1);
        TcpConnection c = stack.tcp.open();
        c.connect(ME, 22);
        stack.poll();
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals(ME, c.localIp());
        assertEquals(0, eth.frames.size());
    }

    @Test
    void anOffLinkDestinationGoesToTheGatewaysMacAfterArp() {
        UdpSocket u = stack.udp.open();
        int far = Ipv4Address.of(8, 8, 8, 8);
        assertEquals(3, u.sendTo(far, 53, new byte[3], 0, 3));
        byte[] request = eth.frames.poll();
        assertEquals(Ethernet.BROADCAST, Ethernet.destination(request, 0));
        assertEquals(Ethernet.TYPE_ARP, Ethernet.type(request, 0));
        assertEquals(GATEWAY, ArpPacket.targetIp(request, Ethernet.HEADER_LENGTH), "ARP asks for the next hop, not the destination");
        assertEquals(ME, ArpPacket.senderIp(request, Ethernet.HEADER_LENGTH));
        assertEquals(60, request.length, "padded to Ethernet's minimum");
        assertTrue(eth.frames.isEmpty(), "the datagram waits");
        // The gateway answers.
        byte[] reply = new byte[60];
        Ethernet.write(reply, 0, eth.mac, 0x525400000001L, Ethernet.TYPE_ARP);
        ArpPacket.write(reply, Ethernet.HEADER_LENGTH, ArpPacket.REPLY, 0x525400000001L, GATEWAY, eth.mac, ME);
        stack.receive(eth0, reply, 0, reply.length);
        byte[] datagram = eth.frames.poll();
        assertEquals(0x525400000001L, Ethernet.destination(datagram, 0));
        assertEquals(far, Ipv4Header.destination(datagram, Ethernet.HEADER_LENGTH));
        // The next one goes at once.
        u.sendTo(far, 53, new byte[3], 0, 3);
        assertEquals(0x525400000001L, Ethernet.destination(eth.frames.poll(), 0));
    }

    @Test
    void anArpRequestForOurAddressIsAnswered() {
        byte[] req = new byte[60];
        Ethernet.write(req, 0, Ethernet.BROADCAST, 0x525400000009L, Ethernet.TYPE_ARP);
        ArpPacket.write(req, Ethernet.HEADER_LENGTH, ArpPacket.REQUEST, 0x525400000009L, Ipv4Address.of(192, 168, 7, 9), 0, ME);
        stack.receive(eth0, req, 0, req.length);
        byte[] r = eth.frames.poll();
        assertEquals(0x525400000009L, Ethernet.destination(r, 0));
        assertEquals(ArpPacket.REPLY, ArpPacket.operation(r, Ethernet.HEADER_LENGTH));
        assertEquals(eth.mac, ArpPacket.senderMac(r, Ethernet.HEADER_LENGTH));
        assertEquals(ME, ArpPacket.senderIp(r, Ethernet.HEADER_LENGTH));
        // A request for someone else is not answered.
        ArpPacket.write(req, Ethernet.HEADER_LENGTH, ArpPacket.REQUEST, 0x525400000009L, Ipv4Address.of(192, 168, 7, 9), 0, Ipv4Address.of(192, 168, 7, 77));
        stack.receive(eth0, req, 0, req.length);
        assertTrue(eth.frames.isEmpty());
    }

    @Test
    void anIcmpUnreachableQuotingOurSynEndsTheConnect() {
        TcpConnection c = stack.tcp.open();
        c.connect(Ipv4Address.LOOPBACK, 4444);
        byte[] syn = new byte[2048];
        int n = stack.loopbackDevice().dequeue(syn); // the SYN never arrives; a router answers instead
        byte[] icmp = new byte[2048];
        int at = lichen.net.stack.IpOutput.HEADROOM;
        int m = lichen.net.ip.Icmp.writeUnreachable(icmp, at, lichen.net.ip.Icmp.CODE_HOST_UNREACHABLE, syn, Ethernet.HEADER_LENGTH, n - Ethernet.HEADER_LENGTH);
        byte[] forged = icmp.clone();
        forged[at + 8 + 20 + 4] ^= 0x40; // a quote of a sequence number we never sent: ignored (RFC 5927)
        forged[at + 2] = forged[at + 3] = 0;
        int sum = lichen.net.ip.InternetChecksum.of(forged, at, m);
        forged[at + 2] = (byte) (sum >>> 8);
        forged[at + 3] = (byte) sum;
        stack.send(Ipv4Address.LOOPBACK, Ipv4Address.LOOPBACK, Ipv4Header.PROTOCOL_ICMP, forged, at, m);
        stack.poll();
        assertEquals(TcpState.SYN_SENT, c.state());
        stack.send(Ipv4Address.LOOPBACK, Ipv4Address.LOOPBACK, Ipv4Header.PROTOCOL_ICMP, icmp, at, m);
        stack.poll();
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(Errno.EHOSTUNREACH, c.takeError());
    }

    @Test
    void withoutARouteSendsAreEnetunreach() {
        NetStack alone = new NetStack(clock, 1);
        assertEquals(-Errno.ENETUNREACH, alone.udp.open().sendTo(Ipv4Address.of(10, 1, 1, 1), 1, new byte[1], 0, 1));
        assertEquals(-Errno.ENETUNREACH, alone.tcp.open().connect(Ipv4Address.of(10, 1, 1, 1), 1));
    }

    @Test
    void framesForAnotherMacOrOfUnknownTypeAreDropped() {
        byte[] f = new byte[60];
        Ethernet.write(f, 0, 0x525400000077L, 1, Ethernet.TYPE_IPV4);
        stack.receive(eth0, f, 0, f.length);
        Ethernet.write(f, 0, eth.mac, 1, 0x86dd); // IPv6
        stack.receive(eth0, f, 0, f.length);
        stack.receive(eth0, f, 0, 5);
        assertEquals(3, stack.framesDropped());
        assertTrue(eth.frames.isEmpty());
    }

    @Test
    void hostileFramesAreDroppedWithoutHarm() {
        // Real frames (an ARP request, a SYN, a fragmented datagram) from one stack; then each
        // bit-flipped or truncated, and random garbage, fed to another with a listener.
        CapturingDevice left = new CapturingDevice(0x020000000001L);
        NetStack sender = new NetStack(clock, 11);
        IpInterface si = sender.attach(left, SimulatedLink.LEFT_IP, 24, 0);
        byte[] arpReply = new byte[60];
        Ethernet.write(arpReply, 0, 0x020000000001L, 0x020000000002L, Ethernet.TYPE_ARP);
        ArpPacket.write(arpReply, Ethernet.HEADER_LENGTH, ArpPacket.REPLY, 0x020000000002L, SimulatedLink.RIGHT_IP, 0x020000000001L, SimulatedLink.LEFT_IP);
        sender.tcp.open().connect(SimulatedLink.RIGHT_IP, 80);
        sender.udp.open().sendTo(SimulatedLink.RIGHT_IP, 7, new byte[3000], 0, 3000);
        sender.receive(si, arpReply, 0, arpReply.length);
        java.util.List<byte[]> frames = new java.util.ArrayList<>(left.frames);
        assertTrue(frames.size() >= 5, "ARP, SYN and three fragments: " + frames.size());
        CapturingDevice tap = new CapturingDevice(0x020000000002L);
        NetStack victim = new NetStack(clock, 5);
        IpInterface vi = victim.attach(tap, SimulatedLink.RIGHT_IP, 24, 0);
        TcpConnection vl = victim.tcp.open();
        vl.bind(0, 80);
        vl.listen(4);
        Random rnd = new Random(99);
        for (int round = 0; round < 20_000; round++) {
            byte[] f = frames.get(rnd.nextInt(frames.size())).clone();
            int flips = 1 + rnd.nextInt(3);
            for (int k = 0; k < flips; k++) f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(f.length + 1) : f.length;
            victim.receive(vi, f, 0, len);
            if (round % 100 == 0) {
                clock.advance(10_000_000L);
                victim.poll();
            }
        }
        for (int round = 0; round < 2000; round++) {
            byte[] f = new byte[rnd.nextInt(1600)];
            rnd.nextBytes(f);
            if (f.length > 14 && rnd.nextBoolean()) {
                Ethernet.write(f, 0, tap.mac, 1, rnd.nextBoolean() ? Ethernet.TYPE_IPV4 : Ethernet.TYPE_ARP);
                if (f.length > 34) f[14] = 0x45;
            }
            victim.receive(vi, f, 0, f.length);
        }
        assertTrue(victim.framesReceived() >= 22_000);
    }
}
