package lichen.net;

/**
 * Big-endian ("network byte order", RFC 1700) reads and writes in a byte
 * array: every header field of Ethernet, ARP, IPv4, ICMP, UDP and TCP.
 * Callers check bounds first.
 */
public final class NetworkOrder {
    private NetworkOrder() {}

    public static int u8(byte[] b, int off) { return b[off] & 0xff; }

    public static int u16(byte[] b, int off) { return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff); }

    public static int u32(byte[] b, int off) { return u16(b, off) << 16 | u16(b, off + 2); }

    /** Six bytes as the low 48 bits of a long: a MAC address. */
    public static long u48(byte[] b, int off) { return (long) u16(b, off) << 32 | (u32(b, off + 2) & 0xffffffffL); }

    public static void put8(byte[] b, int off, int v) { b[off] = (byte) v; }

    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    public static void put32(byte[] b, int off, int v) {
        put16(b, off, v >>> 16);
        put16(b, off + 2, v);
    }

    public static void put48(byte[] b, int off, long v) {
        put16(b, off, (int) (v >>> 32));
        put32(b, off + 2, (int) v);
    }
}
