package lichen.net.udp;

import lichen.net.NetworkOrder;
import lichen.net.ip.InternetChecksum;
import lichen.net.ip.Ipv4Header;

/**
 * The UDP header (RFC 768): source port, destination port, length (header
 * and data), checksum over the pseudo-header, header and data; a checksum of
 * 0 means none was computed, and a computed 0 is sent as 0xffff.
 */
public final class UdpHeader {
    private UdpHeader() {}

    public static final int LENGTH = 8;

    public static int sourcePort(byte[] p, int off) { return NetworkOrder.u16(p, off); }

    public static int destinationPort(byte[] p, int off) { return NetworkOrder.u16(p, off + 2); }

    public static int length(byte[] p, int off) { return NetworkOrder.u16(p, off + 4); }

    /** Whether the datagram at {@code off}, {@code len} bytes as IP delivered it, has a sane length and checksum. */
    public static boolean valid(byte[] p, int off, int len, int source, int destination) {
        if (len < LENGTH) return false;
        int ulen = length(p, off);
        if (ulen < LENGTH || ulen > len) return false;
        if (NetworkOrder.u16(p, off + 6) == 0) return true;
        long sum = InternetChecksum.pseudoHeader(source, destination, Ipv4Header.PROTOCOL_UDP, ulen);
        return InternetChecksum.fold(InternetChecksum.add(sum, p, off, ulen)) == 0;
    }

    /** Writes the header before {@code dataLength} bytes of data at {@code off + LENGTH}, with its checksum. */
    public static void write(byte[] p, int off, int sourcePort, int destinationPort, int dataLength, int source, int destination) {
        int ulen = LENGTH + dataLength;
        NetworkOrder.put16(p, off, sourcePort);
        NetworkOrder.put16(p, off + 2, destinationPort);
        NetworkOrder.put16(p, off + 4, ulen);
        NetworkOrder.put16(p, off + 6, 0);
        long sum = InternetChecksum.pseudoHeader(source, destination, Ipv4Header.PROTOCOL_UDP, ulen);
        int c = InternetChecksum.fold(InternetChecksum.add(sum, p, off, ulen));
        NetworkOrder.put16(p, off + 6, c == 0 ? 0xffff : c);
    }
}
