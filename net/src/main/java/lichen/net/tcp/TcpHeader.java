package lichen.net.tcp;

import lichen.net.NetworkOrder;
import lichen.net.ip.InternetChecksum;
import lichen.net.ip.Ipv4Header;

/**
 * The TCP header (RFC 9293 3.1): ports, sequence and acknowledgment numbers,
 * data offset, control bits, window, checksum, urgent pointer, options. The
 * options read and written are MSS (RFC 9293 3.7.1), window scale (RFC 7323
 * 2) and SACK-permitted (RFC 2018, recognised, not used); others are skipped.
 */
public final class TcpHeader {
    private TcpHeader() {}

    public static final int MIN_LENGTH = 20;
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20;
    static final int OPTION_END = 0, OPTION_NOP = 1, OPTION_MSS = 2, OPTION_WINDOW_SCALE = 3, OPTION_SACK_PERMITTED = 4;

    public static int sourcePort(byte[] p, int off) { return NetworkOrder.u16(p, off); }

    public static int destinationPort(byte[] p, int off) { return NetworkOrder.u16(p, off + 2); }

    public static int sequence(byte[] p, int off) { return NetworkOrder.u32(p, off + 4); }

    public static int acknowledgment(byte[] p, int off) { return NetworkOrder.u32(p, off + 8); }

    public static int headerLength(byte[] p, int off) { return (p[off + 12] >>> 4 & 0xf) * 4; }

    public static int flags(byte[] p, int off) { return p[off + 13] & 0x3f; }

    public static int window(byte[] p, int off) { return NetworkOrder.u16(p, off + 14); }

    /** The checksum over pseudo-header, header and data verifies (RFC 9293 3.1, "Checksum"). */
    public static boolean checksumValid(byte[] p, int off, int len, int source, int destination) {
        long sum = InternetChecksum.pseudoHeader(source, destination, Ipv4Header.PROTOCOL_TCP, len);
        return InternetChecksum.fold(InternetChecksum.add(sum, p, off, len)) == 0;
    }

    /** Writes a header of {@code headerLength} bytes (options written by the caller after the first 20). */
    public static void write(byte[] p, int off, int sourcePort, int destinationPort, int seq, int ack, int flags, int window, int headerLength) {
        NetworkOrder.put16(p, off, sourcePort);
        NetworkOrder.put16(p, off + 2, destinationPort);
        NetworkOrder.put32(p, off + 4, seq);
        NetworkOrder.put32(p, off + 8, ack);
        NetworkOrder.put8(p, off + 12, (headerLength / 4) << 4);
        NetworkOrder.put8(p, off + 13, flags);
        NetworkOrder.put16(p, off + 14, window);
        NetworkOrder.put16(p, off + 16, 0);
        NetworkOrder.put16(p, off + 18, 0);
    }

    /** Fills in the checksum of the segment {@code p[off, off + len)}. */
    public static void writeChecksum(byte[] p, int off, int len, int source, int destination) {
        NetworkOrder.put16(p, off + 16, 0);
        long sum = InternetChecksum.pseudoHeader(source, destination, Ipv4Header.PROTOCOL_TCP, len);
        NetworkOrder.put16(p, off + 16, InternetChecksum.fold(InternetChecksum.add(sum, p, off, len)));
    }
}
