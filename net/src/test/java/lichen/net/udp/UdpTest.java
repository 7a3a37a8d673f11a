package lichen.net.udp;

import static org.junit.jupiter.api.Assertions.*;

import lichen.fs.vfs.PollEvents;
import lichen.libkernel.Errno;
import lichen.libkernel.async.SimulatedClock;
import lichen.net.Ipv4Address;
import lichen.net.stack.NetStack;
import lichen.net.tool.SimulatedLink;
import org.junit.jupiter.api.Test;

/** udp(7) over the loopback and a simulated Ethernet: bind, sendto, recvfrom, connect, limits. */
class UdpTest {
    final NetStack stack = new NetStack(new SimulatedClock(), 3);
    final UdpLayer udp = stack.udp;

    @Test
    void aDatagramMakesTheRoundTripOverLoopback() {
        UdpSocket server = udp.open(), client = udp.open();
        assertEquals(0, server.bind(Ipv4Address.LOOPBACK, 9000));
        assertEquals(5, client.sendTo(Ipv4Address.LOOPBACK, 9000, "hello".getBytes(), 0, 5));
        assertEquals(0, server.poll() & PollEvents.POLLIN, "nothing before the loopback is drained");
        stack.poll();
        assertEquals(PollEvents.READABLE | PollEvents.WRITABLE, server.poll());
        assertEquals(5, server.pendingLength());
        byte[] b = new byte[16];
        assertEquals(5, server.receiveFrom(b, 0, 16));
        assertEquals("hello", new String(b, 0, 5));
        assertEquals(Ipv4Address.LOOPBACK, server.lastSourceIp());
        assertEquals(client.localPort(), server.lastSourcePort());
        assertEquals(-Errno.EAGAIN, server.receiveFrom(b, 0, 16));
        // And back to the sender's ephemeral port.
        assertEquals(2, server.sendTo(server.lastSourceIp(), server.lastSourcePort(), "ok".getBytes(), 0, 2));
        stack.poll();
        assertEquals(2, client.receiveFrom(b, 0, 16));
    }

    @Test
    void aLongDatagramIsTruncatedToTheBufferAndTheRestLost() {
        UdpSocket s = udp.open();
        s.bind(0, 9001);
        UdpSocket c = udp.open();
        c.sendTo(Ipv4Address.LOOPBACK, 9001, new byte[100], 0, 100);
        c.sendTo(Ipv4Address.LOOPBACK, 9001, new byte[7], 0, 7);
        stack.poll();
        assertEquals(100, s.receiveFrom(new byte[10], 0, 10), "recvfrom returns the datagram's length (MSG_TRUNC's case)");
        assertEquals(7, s.receiveFrom(new byte[10], 0, 10), "the next datagram is whole");
    }

    @Test
    void theLargestDatagramIsFragmentedAndReassembled() {
        UdpSocket s = udp.open();
        s.bind(0, 9002);
        s.setReceiveBuffer(200_000);
        UdpSocket c = udp.open();
        byte[] d = new byte[UdpLayer.MAX_PAYLOAD];
        for (int i = 0; i < d.length; i++) d[i] = (byte) (i * 31 + (i >> 9));
        assertEquals(d.length, c.sendTo(Ipv4Address.LOOPBACK, 9002, d, 0, d.length));
        assertEquals(-Errno.EMSGSIZE, c.sendTo(Ipv4Address.LOOPBACK, 9002, d, 0, d.length + 1));
        stack.poll();
        byte[] got = new byte[d.length];
        assertEquals(d.length, s.receiveFrom(got, 0, got.length));
        assertArrayEquals(d, got);
    }

    @Test
    void bindingTwiceIsEaddrinuseAndAForeignAddressEaddrnotavail() {
        UdpSocket a = udp.open(), b = udp.open();
        assertEquals(0, a.bind(0, 53));
        assertEquals(-Errno.EADDRINUSE, b.bind(Ipv4Address.LOOPBACK, 53));
        assertEquals(-Errno.EADDRNOTAVAIL, b.bind(Ipv4Address.of(8, 8, 8, 8), 53));
        assertEquals(-Errno.EINVAL, a.bind(0, 54), "bound already");
        a.close();
        assertEquals(0, b.bind(0, 53), "closing frees the port");
    }

    @Test
    void aConnectedSocketTakesOnlyItsPeersDatagrams() {
        UdpSocket s = udp.open(), peer = udp.open(), other = udp.open();
        s.bind(0, 9003);
        peer.bind(0, 9004);
        other.bind(0, 9005);
        assertEquals(0, s.connect(Ipv4Address.LOOPBACK, 9004));
        assertEquals(-Errno.EDESTADDRREQ, udp.open().sendTo(0, 0, new byte[1], 0, 1));
        other.sendTo(Ipv4Address.LOOPBACK, 9003, new byte[3], 0, 3);
        peer.sendTo(Ipv4Address.LOOPBACK, 9003, new byte[4], 0, 4);
        stack.poll();
        assertEquals(4, s.receiveFrom(new byte[8], 0, 8));
        assertEquals(-Errno.EAGAIN, s.receiveFrom(new byte[8], 0, 8), "the other sender's datagram was not for it");
        assertEquals(1, s.sendTo(0, 0, new byte[1], 0, 1), "to the connected peer");
        stack.poll();
        assertEquals(1, peer.receiveFrom(new byte[8], 0, 8));
    }

    @Test
    void aFullQueueDropsDatagrams() {
        UdpSocket s = udp.open(), c = udp.open();
        s.bind(0, 9006);
        s.setReceiveBuffer(1000);
        for (int i = 0; i < 5; i++) c.sendTo(Ipv4Address.LOOPBACK, 9006, new byte[300], 0, 300);
        stack.poll();
        assertEquals(2, s.drops(), "1000 bytes hold three 300-byte datagrams with their records");
        int n = 0;
        while (s.receiveFrom(new byte[300], 0, 300) > 0) n++;
        assertEquals(3, n);
    }

    @Test
    void aConnectedSocketHearsPortUnreachableAsEconnrefused() {
        UdpSocket c = udp.open(), loose = udp.open();
        c.connect(Ipv4Address.LOOPBACK, 9999);
        assertEquals(3, c.sendTo(0, 0, new byte[3], 0, 3));
        assertEquals(3, loose.sendTo(Ipv4Address.LOOPBACK, 9999, new byte[3], 0, 3));
        stack.poll(); // the datagrams, then the ICMP errors the stack answered them with
        assertEquals(PollEvents.POLLERR, c.poll() & PollEvents.POLLERR);
        assertEquals(-Errno.ECONNREFUSED, c.receiveFrom(new byte[8], 0, 8), "as on Linux, once");
        assertEquals(-Errno.EAGAIN, c.receiveFrom(new byte[8], 0, 8));
        assertEquals(0, loose.poll() & PollEvents.POLLERR, "an unconnected socket is not told (no IP_RECVERR)");
    }

    @Test
    void arrivalWakesAPollWaiter() {
        UdpSocket s = udp.open();
        s.bind(0, 9007);
        int[] bits = new int[1];
        s.wakers.add(new lichen.libkernel.async.Waker() {
            public void wake() {}

            public void wake(int events) { bits[0] |= events; }
        });
        udp.open().sendTo(Ipv4Address.LOOPBACK, 9007, new byte[1], 0, 1);
        stack.poll();
        assertEquals(PollEvents.READABLE, bits[0]);
    }

    @Test
    void datagramsCrossAnEthernetWithArpFirst() {
        SimulatedLink link = new SimulatedLink(5);
        UdpSocket s = link.right.udp.open();
        s.bind(0, 7);
        UdpSocket c = link.left.udp.open();
        assertEquals(4000, c.sendTo(SimulatedLink.RIGHT_IP, 7, new byte[4000], 0, 4000));
        while (link.step(1_000_000_000L)) {}
        assertEquals(4000, s.receiveFrom(new byte[5000], 0, 5000), "three fragments, held until ARP answered, reassembled");
        assertEquals(SimulatedLink.LEFT_IP, s.lastSourceIp());
        assertEquals(0x020000000002L, link.leftInterface.arp.lookup(SimulatedLink.RIGHT_IP, link.clock.now()));
        assertEquals(0x020000000001L, link.rightInterface.arp.lookup(SimulatedLink.LEFT_IP, link.clock.now()), "learnt from the request");
    }
}
