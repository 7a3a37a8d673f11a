package lichen.net.stack;

/**
 * The IPv4 layer as a transport sees it: routing a destination and sending a
 * transport segment to it. {@link NetStack} implements it; transport tests
 * implement it to catch what a connection sends.
 */
public interface IpOutput {
    /** Free bytes a caller leaves before a transport header, for the IPv4 and Ethernet headers. */
    int HEADROOM = 64;

    /**
     * Sends {@code buf[off, off + len)} (a transport header and its data; the
     * {@link #HEADROOM} bytes before {@code off} are the sender's to overwrite)
     * from {@code source} to {@code destination} as one datagram of {@code
     * protocol}, fragmented if it is larger than the route's MTU. 0, or
     * -ENETUNREACH when there is no route, -EMSGSIZE past 65535 bytes, -ENOBUFS
     * when the device dropped it.
     */
    int send(int source, int destination, int protocol, byte[] buf, int off, int len);

    /** The local address a datagram to {@code destination} leaves from (RFC 1122 3.3.4.3), 0 when there is no route. */
    int sourceFor(int destination);

    /** The MTU of the route to {@code destination}, 0 when there is none. */
    int mtuFor(int destination);

    /** Whether {@code address} is one of this host's (so binding to it is allowed: EADDRNOTAVAIL otherwise). */
    boolean isLocal(int address);

    /** Monotonic nanoseconds. */
    long now();
}
