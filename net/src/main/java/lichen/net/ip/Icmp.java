package lichen.net.ip;

import lichen.libkernel.Errno;
import lichen.net.NetworkOrder;

/**
 * ICMP messages (RFC 792): type, code, checksum over the whole message, then
 * a type-specific word and data. The stack answers echo requests (RFC 1122
 * 3.2.2.6: a host MUST) and sends destination-unreachable for UDP to a port
 * nobody bound (RFC 1122 4.1.3.1).
 */
public final class Icmp {
    private Icmp() {}

    public static final int HEADER_LENGTH = 8;
    public static final int ECHO_REPLY = 0;
    public static final int DESTINATION_UNREACHABLE = 3;
    public static final int ECHO_REQUEST = 8;
    public static final int CODE_PORT_UNREACHABLE = 3;
    /** 576 less the IPv4 and ICMP headers of the error itself. */
    private static final int MAX_QUOTE = 576 - Ipv4Header.MIN_LENGTH - HEADER_LENGTH;

    public static final int CODE_NETWORK_UNREACHABLE = 0, CODE_HOST_UNREACHABLE = 1, CODE_PROTOCOL_UNREACHABLE = 2;

    /** The errno a destination-unreachable code becomes for a socket (Linux's icmp_err_convert). */
    public static int errnoFor(int code) {
        return switch (code) {
            case CODE_NETWORK_UNREACHABLE -> Errno.ENETUNREACH;
            case CODE_PROTOCOL_UNREACHABLE -> Errno.ENOPROTOOPT;
            case CODE_PORT_UNREACHABLE -> Errno.ECONNREFUSED;
            default -> Errno.EHOSTUNREACH;
        };
    }

    public static int type(byte[] p, int off) { return NetworkOrder.u8(p, off); }

    public static int code(byte[] p, int off) { return NetworkOrder.u8(p, off + 1); }

    public static boolean checksumValid(byte[] p, int off, int len) { return len >= HEADER_LENGTH && InternetChecksum.of(p, off, len) == 0; }

    /**
     * Turns the echo request at {@code off} into its reply in place: the type
     * becomes 0 and the checksum is adjusted; identifier, sequence and data
     * are echoed (RFC 792, "Echo or Echo Reply Message").
     */
    public static void makeEchoReply(byte[] p, int off, int len) {
        NetworkOrder.put8(p, off, ECHO_REPLY);
        NetworkOrder.put16(p, off + 2, 0);
        NetworkOrder.put16(p, off + 2, InternetChecksum.of(p, off, len));
    }

    /**
     * Writes a destination-unreachable message at {@code off}: the header,
     * then as much of the offending datagram as keeps the reply within 576
     * bytes (RFC 792 asks for its IP header and 8 bytes of data; RFC 1812
     * 4.3.2.3 for as much as fits 576, which Linux sends), copied from
     * {@code original}. Returns the message length.
     */
    public static int writeUnreachable(byte[] p, int off, int code, byte[] original, int originalOff, int originalLength) {
        int quoted = Math.min(originalLength, MAX_QUOTE);
        NetworkOrder.put8(p, off, DESTINATION_UNREACHABLE);
        NetworkOrder.put8(p, off + 1, code);
        NetworkOrder.put16(p, off + 2, 0);
        NetworkOrder.put32(p, off + 4, 0);
        System.arraycopy(original, originalOff, p, off + HEADER_LENGTH, quoted);
        int len = HEADER_LENGTH + quoted;
        NetworkOrder.put16(p, off + 2, InternetChecksum.of(p, off, len));
        return len;
    }
}
