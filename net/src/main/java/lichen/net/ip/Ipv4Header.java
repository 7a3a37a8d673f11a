package lichen.net.ip;

import lichen.net.NetworkOrder;

/**
 * The IPv4 header (RFC 791 3.1): version and IHL, type of service, total
 * length, identification, flags and fragment offset, TTL, protocol, header
 * checksum, source, destination, options. Options are accepted and skipped
 * on input (RFC 1122 3.2.1.8 allows ignoring those not understood) and never sent.
 */
public final class Ipv4Header {
    private Ipv4Header() {}

    public static final int MIN_LENGTH = 20;
    public static final int PROTOCOL_ICMP = 1;
    public static final int PROTOCOL_TCP = 6;
    public static final int PROTOCOL_UDP = 17;
    /** RFC 1700's recommended TTL (Linux's ip_default_ttl). */
    public static final int DEFAULT_TTL = 64;
    public static final int FLAG_DONT_FRAGMENT = 0x4000;
    public static final int FLAG_MORE_FRAGMENTS = 0x2000;
    private static final int OFFSET_MASK = 0x1fff;

    public static int headerLength(byte[] p, int off) { return (p[off] & 0xf) * 4; }

    public static int totalLength(byte[] p, int off) { return NetworkOrder.u16(p, off + 2); }

    public static int identification(byte[] p, int off) { return NetworkOrder.u16(p, off + 4); }

    public static boolean moreFragments(byte[] p, int off) { return (NetworkOrder.u16(p, off + 6) & FLAG_MORE_FRAGMENTS) != 0; }

    /** The fragment's offset in bytes (the field counts 8-byte units). */
    public static int fragmentOffset(byte[] p, int off) { return (NetworkOrder.u16(p, off + 6) & OFFSET_MASK) * 8; }

    public static boolean isFragment(byte[] p, int off) { return moreFragments(p, off) || fragmentOffset(p, off) != 0; }

    public static int ttl(byte[] p, int off) { return NetworkOrder.u8(p, off + 8); }

    public static int protocol(byte[] p, int off) { return NetworkOrder.u8(p, off + 9); }

    public static int source(byte[] p, int off) { return NetworkOrder.u32(p, off + 12); }

    public static int destination(byte[] p, int off) { return NetworkOrder.u32(p, off + 16); }

    /**
     * Whether the {@code len} bytes at {@code off} start with a header a host
     * must accept (RFC 1122 3.2.1.1-3.2.1.2: version 4, a sane IHL, a total
     * length that fits what arrived, a correct checksum).
     */
    public static boolean valid(byte[] p, int off, int len) {
        if (len < MIN_LENGTH || (p[off] >>> 4 & 0xf) != 4) return false;
        int ihl = headerLength(p, off);
        if (ihl < MIN_LENGTH || ihl > len) return false;
        int total = totalLength(p, off);
        if (total < ihl || total > len) return false;
        return InternetChecksum.of(p, off, ihl) == 0;
    }

    /** Writes a 20-byte header with its checksum; {@code flagsAndOffset} is the raw word (flags and offset/8). */
    public static void write(byte[] p, int off, int totalLength, int id, int flagsAndOffset, int ttl, int protocol, int source, int destination) {
        NetworkOrder.put8(p, off, 0x45);
        NetworkOrder.put8(p, off + 1, 0);
        NetworkOrder.put16(p, off + 2, totalLength);
        NetworkOrder.put16(p, off + 4, id);
        NetworkOrder.put16(p, off + 6, flagsAndOffset);
        NetworkOrder.put8(p, off + 8, ttl);
        NetworkOrder.put8(p, off + 9, protocol);
        NetworkOrder.put16(p, off + 10, 0);
        NetworkOrder.put32(p, off + 12, source);
        NetworkOrder.put32(p, off + 16, destination);
        NetworkOrder.put16(p, off + 10, InternetChecksum.of(p, off, MIN_LENGTH));
    }
}
