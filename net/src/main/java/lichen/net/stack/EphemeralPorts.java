package lichen.net.stack;

/**
 * Port numbers for sockets that bind none (RFC 6335 6 and Linux's
 * ip_local_port_range default, 32768-60999): the next free one after the
 * last handed out, so a port just released is not reused at once.
 */
public final class EphemeralPorts {
    public static final int FIRST = 32768;
    public static final int LAST = 60999;

    /** Whether a port is taken, as the protocol's table knows. */
    public interface Taken {
        boolean taken(int port);
    }

    private int next = FIRST;

    /** A free port, or 0 when all are taken (the caller's EADDRINUSE, or EAGAIN for connect). */
    public int pick(Taken table) {
        for (int i = 0; i <= LAST - FIRST; i++) {
            int p = next;
            next = next == LAST ? FIRST : next + 1;
            if (!table.taken(p)) return p;
        }
        return 0;
    }
}
