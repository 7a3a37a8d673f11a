package lichen.net.ip;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.async.SimulatedClock;
import lichen.net.Hex;
import lichen.net.Ipv4Address;
import lichen.net.link.Ethernet;
import lichen.net.stack.NetStack;
import lichen.net.tcp.TcpHeader;
import lichen.net.tcp.TcpSegment;
import lichen.net.udp.UdpHeader;
import org.junit.jupiter.api.Test;

/**
 * Frames Linux 6.x put on its loopback (captured with an AF_PACKET socket on
 * lo): a TCP SYN to a closed port and Linux's reset, an ICMP echo request and
 * Linux's reply, a UDP datagram to a closed port and Linux's port-unreachable.
 * Decoding them, and what Lichen's stack answers to the same requests, byte for byte.
 *
 * <p>The SYN and the UDP datagram left their senders with CHECKSUM_PARTIAL
 * (loopback offloads the checksum): their checksum field holds only the
 * folded pseudo-header sum, which checks Lichen's pseudo-header; {@link
 * #completed} then finishes the checksum as a device would.
 */
class LinuxPacketsTest {
    static final byte[] SYN = Hex.bytes("000000000000000000000000080045000" + "03c166040004006265a7f0000017f000001bc5c00091592a22b00000000a002ffd7fe3000000204ffd70402080aa4fac810000000000103030a");
    static final byte[] RST_ACK = Hex.bytes("0000000000000000000000000800450000280000400040063cce7f0000017f0000010009bc5c000000001592a22c501400003daa0000");
    static final byte[] ECHO_REQUEST = Hex.bytes("00000000000000000000000008004500002c136d4000400129627f0000017f0000010800521d123400016c696368656e2d70696e672d30303031");
    static final byte[] ECHO_REPLY = Hex.bytes("00000000000000000000000008004500002c136e0000400169617f0000017f00000100005a1d123400016c696368656e2d70696e672d30303031");
    static final byte[] UDP = Hex.bytes("000000000000000000000000080045000021f2f94000401149d07f0000017f00000198610009000dfe2068656c6c6f");
    static final byte[] PORT_UNREACHABLE = Hex.bytes("000000000000000000000000080045c0003d136f00004001688f7f0000017f000001030322920000000045000021f2f94000401149d07f0000017f00000198610009000dfe2068656c6c6f");
    static final int IP = Ethernet.HEADER_LENGTH;

    /** A copy of {@code frame} whose TCP or UDP checksum (at {@code field} after the transport header) is finished. */
    static byte[] completed(byte[] frame, int field) {
        byte[] f = frame.clone();
        int t = IP + 20;
        int len = Ipv4Header.totalLength(f, IP) - 20;
        long pseudo = InternetChecksum.pseudoHeader(Ipv4Header.source(f, IP), Ipv4Header.destination(f, IP), Ipv4Header.protocol(f, IP), len);
        int partial = (f[t + field] & 0xff) << 8 | (f[t + field + 1] & 0xff);
        assertEquals(partial, ~InternetChecksum.fold(pseudo) & 0xffff, "Linux's partial checksum is our pseudo-header sum");
        f[t + field] = 0;
        f[t + field + 1] = 0;
        int c = InternetChecksum.fold(InternetChecksum.add(pseudo, f, t, len));
        f[t + field] = (byte) (c >>> 8);
        f[t + field + 1] = (byte) c;
        return f;
    }

    @Test
    void linuxsSynDecodes() {
        byte[] SYN = completed(LinuxPacketsTest.SYN, 16);
        assertEquals(Ethernet.TYPE_IPV4, Ethernet.type(SYN, 0));
        assertTrue(Ipv4Header.valid(SYN, IP, SYN.length - IP));
        assertEquals(0, InternetChecksum.of(SYN, IP, 20), "the header checksum verifies");
        assertEquals(Ipv4Header.PROTOCOL_TCP, Ipv4Header.protocol(SYN, IP));
        assertEquals(Ipv4Address.LOOPBACK, Ipv4Header.source(SYN, IP));
        TcpSegment s = new TcpSegment();
        assertTrue(s.decode(SYN, IP + 20, 40, Ipv4Address.LOOPBACK, Ipv4Address.LOOPBACK));
        assertEquals(0xbc5c, s.sourcePort);
        assertEquals(9, s.destinationPort);
        assertEquals(0x1592a22b, s.seq);
        assertEquals(TcpHeader.SYN, s.flags);
        assertEquals(65495, s.window);
        assertEquals(65495, s.mss, "lo's MTU 65535 less 40");
        assertEquals(10, s.windowScale);
        assertTrue(s.sackPermitted);
        assertEquals(0, s.dataLength);
    }

    @Test
    void aCorruptedSynFailsItsChecksum() {
        byte[] SYN = completed(LinuxPacketsTest.SYN, 16);
        assertTrue(new TcpSegment().decode(SYN, IP + 20, 40, Ipv4Address.LOOPBACK, Ipv4Address.LOOPBACK));
        byte[] bad = SYN.clone();
        bad[IP + 20 + 5] ^= 1;
        assertFalse(new TcpSegment().decode(bad, IP + 20, 40, Ipv4Address.LOOPBACK, Ipv4Address.LOOPBACK));
        bad = SYN.clone();
        bad[IP + 8] = 3; // the TTL, covered by the header checksum
        assertFalse(Ipv4Header.valid(bad, IP, bad.length - IP));
    }

    @Test
    void lichensIpv4AndTcpEncodersWriteLinuxsResetByteForByte() {
        byte[] b = new byte[RST_ACK.length];
        Ipv4Header.write(b, IP, 40, 0, Ipv4Header.FLAG_DONT_FRAGMENT, 64, Ipv4Header.PROTOCOL_TCP, Ipv4Address.LOOPBACK, Ipv4Address.LOOPBACK);
        TcpHeader.write(b, IP + 20, 9, 0xbc5c, 0, 0x1592a22c, TcpHeader.RST | TcpHeader.ACK, 0, 20);
        TcpHeader.writeChecksum(b, IP + 20, 20, Ipv4Address.LOOPBACK, Ipv4Address.LOOPBACK);
        Ethernet.write(b, 0, 0, 0, Ethernet.TYPE_IPV4);
        assertEquals(Hex.of(RST_ACK, 0, RST_ACK.length), Hex.of(b, 0, b.length));
    }

    @Test
    void lichensStackAnswersLinuxsSynToAClosedPortAsLinuxDoes() {
        byte[] SYN = completed(LinuxPacketsTest.SYN, 16);
        NetStack stack = new NetStack(new SimulatedClock(), 7);
        stack.receive(stack.loopback(), SYN, 0, SYN.length);
        byte[] out = new byte[2048];
        int n = drainOne(stack, out);
        assertEquals(RST_ACK.length, n);
        // The TCP part is Linux's exactly; the IPv4 identification and DF flag are our own choice.
        assertEquals(Hex.of(RST_ACK, IP + 20, 20), Hex.of(out, IP + 20, 20));
    }

    @Test
    void lichensStackAnswersLinuxsEchoRequestWithLinuxsReply() {
        assertTrue(Icmp.checksumValid(ECHO_REQUEST, IP + 20, 24));
        NetStack stack = new NetStack(new SimulatedClock(), 7);
        stack.receive(stack.loopback(), ECHO_REQUEST, 0, ECHO_REQUEST.length);
        byte[] out = new byte[2048];
        int n = drainOne(stack, out);
        assertEquals(ECHO_REPLY.length, n);
        assertEquals(Hex.of(ECHO_REPLY, IP + 20, 24), Hex.of(out, IP + 20, 24), "type 0, same id, sequence and data, checksum 5a1d");
        assertTrue(Ipv4Header.valid(out, IP, n - IP));
    }

    @Test
    void lichensUdpEncoderWritesLinuxsDatagram() {
        byte[] UDP = completed(LinuxPacketsTest.UDP, 6);
        assertTrue(UdpHeader.valid(UDP, IP + 20, 13, Ipv4Address.LOOPBACK, Ipv4Address.LOOPBACK));
        byte[] b = new byte[13];
        System.arraycopy("hello".getBytes(), 0, b, 8, 5);
        UdpHeader.write(b, 0, 0x9861, 9, 5, Ipv4Address.LOOPBACK, Ipv4Address.LOOPBACK);
        assertEquals(Hex.of(UDP, IP + 20, 13), Hex.of(b, 0, 13));
    }

    @Test
    void lichensStackAnswersUdpToAClosedPortWithLinuxsPortUnreachable() {
        byte[] UDP = completed(LinuxPacketsTest.UDP, 6);
        NetStack stack = new NetStack(new SimulatedClock(), 7);
        stack.receive(stack.loopback(), UDP, 0, UDP.length);
        byte[] out = new byte[2048];
        int n = drainOne(stack, out);
        assertEquals(PORT_UNREACHABLE.length, n);
        int icmp = IP + 20, icmpLength = PORT_UNREACHABLE.length - icmp;
        assertTrue(Icmp.checksumValid(out, icmp, icmpLength));
        // Linux quoted its datagram with the partial checksum it sent; ours quotes the completed one.
        // The rest (type, code, unused word, the whole datagram quoted) is Linux's byte for byte.
        byte[] expected = PORT_UNREACHABLE.clone();
        System.arraycopy(UDP, IP + 20 + 6, expected, icmp + 8 + 20 + 6, 2);
        expected[icmp + 2] = out[icmp + 2];
        expected[icmp + 3] = out[icmp + 3];
        assertEquals(Hex.of(expected, icmp, icmpLength), Hex.of(out, icmp, icmpLength));
    }

    @Test
    void theChecksumOfRfc1071sExample() {
        // RFC 1071 3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (folded), so the checksum is 220d.
        byte[] b = Hex.bytes("0001f203f4f5f6f7");
        assertEquals(0x220d, InternetChecksum.of(b, 0, b.length));
        assertEquals(0x220d, InternetChecksum.of(Hex.bytes("0001f203f4f5f6f700"), 0, 9), "an odd trailing zero adds nothing");
    }

    /** Takes what the stack queued on its loopback. */
    private static int drainOne(NetStack stack, byte[] out) {
        return stack.loopbackDevice().dequeue(out);
    }
}
