package lichen.net.ip;

/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones'
 * complement sum of 16-bit big-endian words, an odd last byte padded with
 * zero. {@link #add} accumulates into an int that {@link #fold} finishes, so
 * a pseudo-header and a payload are summed without copying them together.
 */
public final class InternetChecksum {
    private InternetChecksum() {}

    /** Adds bytes [off, off + len) to {@code sum} (an even offset into the checksummed data is assumed). */
    public static long add(long sum, byte[] b, int off, int len) {
        int i = off;
        int end = off + len - 1;
        for (; i < end; i += 2) sum += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
        if (i == end) sum += (b[i] & 0xff) << 8;
        return sum;
    }

    /** Adds a 32-bit value as two words (an address in a pseudo-header). */
    public static long add32(long sum, int v) { return sum + (v >>> 16) + (v & 0xffff); }

    /** Folds the carries back in and complements: the value to store, or 0 when data with its checksum verifies. */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) ~sum & 0xffff;
    }

    public static int of(byte[] b, int off, int len) { return fold(add(0, b, off, len)); }

    /** The sum of the TCP/UDP pseudo-header (RFC 9293 3.1, RFC 768): addresses, protocol, length. */
    public static long pseudoHeader(int source, int destination, int protocol, int length) {
        return add32(add32(0, source), destination) + protocol + length;
    }
}
