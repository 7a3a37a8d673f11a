package lichen.kernel.socket;

import lichen.kernel.socket.inet.InetFamily;
import lichen.kernel.socket.unix.UnixFamily;

/**
 * The protocol families socket(2) knows, by AF_ number (include/linux/socket.h):
 * AF_UNIX and AF_INET. AF_INET6 is not here (the stack is IPv4 only):
 * socket(2) answers EAFNOSUPPORT for it as for any other family without an entry.
 */
public final class SocketFamilies {
    public static final int AF_UNSPEC = 0, AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    /** AF_MAX: one more than the highest family number Linux has. */
    public static final int AF_MAX = 46;

    private static final SocketFamily[] families = new SocketFamily[AF_MAX];

    static {
        families[AF_UNIX] = new UnixFamily();
        families[AF_INET] = new InetFamily();
    }

    private SocketFamilies() {}

    /** The family numbered {@code domain}, or null when there is none. */
    public static SocketFamily find(int domain) {
        return domain < 0 || domain >= AF_MAX ? null : families[domain];
    }
}
