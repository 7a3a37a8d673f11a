package lichen.kernel.socket.inet;

import lichen.kernel.socket.SocketFamilies;
import lichen.libkernel.Errno;

/**
 * struct sockaddr_in (ip(7)): sin_family (AF_INET, host order), sin_port
 * and sin_addr in network order, then 8 bytes of padding; 16 bytes. The
 * address and port of a parse are left in {@link #ip} and {@link #port} of
 * the caller's object, so no object is made per call.
 */
final class Ipv4SocketAddress {
    static final int LENGTH = 16;

    int ip, port;

    /**
     * The {@code len} bytes of {@code a} as an IPv4 socket address: 0, or
     * EINVAL when shorter than struct sockaddr_in, EAFNOSUPPORT for another
     * family (inet_bind, tcp_v4_connect, udp_sendmsg). {@code unspecOk}: AF_UNSPEC
     * is taken as AF_INET, as bind(2) allows it with INADDR_ANY for old programs
     * (and udp_sendmsg for any address).
     */
    int parse(byte[] a, int len, boolean unspecOk) {
        if (len < LENGTH) return -Errno.EINVAL;
        int family = (a[0] & 0xff) | (a[1] & 0xff) << 8;
        port = (a[2] & 0xff) << 8 | (a[3] & 0xff);
        ip = (a[4] & 0xff) << 24 | (a[5] & 0xff) << 16 | (a[6] & 0xff) << 8 | (a[7] & 0xff);
        if (family == SocketFamilies.AF_INET) return 0;
        if (family == SocketFamilies.AF_UNSPEC && unspecOk) return 0;
        return -Errno.EAFNOSUPPORT;
    }

    /** The family field alone (connect(2) with AF_UNSPEC dissolves an association). */
    static int family(byte[] a, int len) {
        return len < 2 ? -1 : (a[0] & 0xff) | (a[1] & 0xff) << 8;
    }

    /** Writes {@code ip:port} as a sockaddr_in into {@code out}; its length. */
    static int write(byte[] out, int ip, int port) {
        out[0] = (byte) SocketFamilies.AF_INET;
        out[1] = 0;
        out[2] = (byte) (port >>> 8);
        out[3] = (byte) port;
        out[4] = (byte) (ip >>> 24);
        out[5] = (byte) (ip >>> 16);
        out[6] = (byte) (ip >>> 8);
        out[7] = (byte) ip;
        for (int i = 8; i < LENGTH; i++) out[i] = 0;
        return LENGTH;
    }
}
