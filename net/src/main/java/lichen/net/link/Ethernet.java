package lichen.net.link;

import lichen.net.NetworkOrder;

/**
 * The Ethernet II header (IEEE 802.3 clause 3.1.1 with an EtherType, RFC 894):
 * destination MAC, source MAC, EtherType; no 802.1Q tag, no frame check
 * sequence (the device adds and strips it).
 */
public final class Ethernet {
    private Ethernet() {}

    public static final int HEADER_LENGTH = 14;
    /** The largest payload of an untagged frame: the usual MTU. */
    public static final int MTU = 1500;
    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_ARP = 0x0806;
    public static final long BROADCAST = 0xffffffffffffL;

    public static long destination(byte[] f, int off) { return NetworkOrder.u48(f, off); }

    public static long source(byte[] f, int off) { return NetworkOrder.u48(f, off + 6); }

    public static int type(byte[] f, int off) { return NetworkOrder.u16(f, off + 12); }

    public static void write(byte[] f, int off, long destination, long source, int type) {
        NetworkOrder.put48(f, off, destination);
        NetworkOrder.put48(f, off + 6, source);
        NetworkOrder.put16(f, off + 12, type);
    }

    /** aa:bb:cc:dd:ee:ff, for logs and tests. */
    public static String formatMac(long mac) {
        StringBuilder s = new StringBuilder();
        for (int i = 5; i >= 0; i--) {
            int b = (int) (mac >>> (i * 8)) & 0xff;
            if (b < 16) s.append('0');
            s.append(Integer.toHexString(b));
            if (i > 0) s.append(':');
        }
        return s.toString();
    }
}
