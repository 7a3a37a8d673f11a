package lichen.net.link;

import lichen.net.NetworkOrder;

/**
 * An ARP packet for IPv4 over Ethernet (RFC 826): hardware type 1, protocol
 * 0x0800, address lengths 6 and 4, the operation, then sender and target
 * hardware and protocol addresses. 28 bytes after the Ethernet header.
 */
public final class ArpPacket {
    private ArpPacket() {}

    public static final int LENGTH = 28;
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    private static final int HTYPE_ETHERNET = 1;

    /** Whether the packet at {@code off} is a well-formed IPv4-over-Ethernet ARP packet (RFC 826, "Packet Reception"). */
    public static boolean valid(byte[] p, int off, int len) {
        return len >= LENGTH
                && NetworkOrder.u16(p, off) == HTYPE_ETHERNET
                && NetworkOrder.u16(p, off + 2) == Ethernet.TYPE_IPV4
                && NetworkOrder.u8(p, off + 4) == 6
                && NetworkOrder.u8(p, off + 5) == 4;
    }

    public static int operation(byte[] p, int off) { return NetworkOrder.u16(p, off + 6); }

    public static long senderMac(byte[] p, int off) { return NetworkOrder.u48(p, off + 8); }

    public static int senderIp(byte[] p, int off) { return NetworkOrder.u32(p, off + 14); }

    public static long targetMac(byte[] p, int off) { return NetworkOrder.u48(p, off + 18); }

    public static int targetIp(byte[] p, int off) { return NetworkOrder.u32(p, off + 24); }

    public static void write(byte[] p, int off, int operation, long senderMac, int senderIp, long targetMac, int targetIp) {
        NetworkOrder.put16(p, off, HTYPE_ETHERNET);
        NetworkOrder.put16(p, off + 2, Ethernet.TYPE_IPV4);
        NetworkOrder.put8(p, off + 4, 6);
        NetworkOrder.put8(p, off + 5, 4);
        NetworkOrder.put16(p, off + 6, operation);
        NetworkOrder.put48(p, off + 8, senderMac);
        NetworkOrder.put32(p, off + 14, senderIp);
        NetworkOrder.put48(p, off + 18, targetMac);
        NetworkOrder.put32(p, off + 24, targetIp);
    }
}
