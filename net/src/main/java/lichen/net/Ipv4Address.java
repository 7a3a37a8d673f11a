package lichen.net;

/**
 * IPv4 addresses as ints, the first octet in the top byte (so 10.0.2.15 is
 * 0x0a00020f and network order is the int's big-endian bytes); no object per
 * address, so the stack makes no garbage per packet.
 */
public final class Ipv4Address {
    private Ipv4Address() {}

    /** INADDR_ANY: a socket bound to it takes traffic for every local address. */
    public static final int ANY = 0;
    /** The limited broadcast address (RFC 919). */
    public static final int BROADCAST = 0xffffffff;
    /** 127.0.0.1. */
    public static final int LOOPBACK = 0x7f000001;

    public static int of(int a, int b, int c, int d) { return (a & 0xff) << 24 | (b & 0xff) << 16 | (c & 0xff) << 8 | (d & 0xff); }

    /** The netmask of a prefix length 0..32. */
    public static int mask(int prefixLength) { return prefixLength == 0 ? 0 : -1 << (32 - prefixLength); }

    public static boolean sameSubnet(int a, int b, int prefixLength) { return ((a ^ b) & mask(prefixLength)) == 0; }

    /** 127.0.0.0/8 (RFC 1122 3.2.1.3 (g)). */
    public static boolean isLoopback(int a) { return (a >>> 24) == 127; }

    /** 224.0.0.0/4. */
    public static boolean isMulticast(int a) { return (a >>> 28) == 0xe; }

    /** Dotted-quad text, for logs and tests. */
    public static String format(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }
}
