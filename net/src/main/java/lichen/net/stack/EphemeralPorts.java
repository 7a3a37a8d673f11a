package lichen.net.stack;

import lichen.libkernel.Errno;

/**
 * Port numbers for sockets that bind none (RFC 6335 6 and Linux's
 * ip_local_port_range default, 32768-60999): the next free one after the
 * last handed out, so a port just released is not reused at once.
 */
public final class EphemeralPorts {
    public static final int FIRST = 32768;
    public static final int LAST = 60999;

    /** Whether {@code port} on {@code address} (0: any) is taken, as the protocol's table knows. */
    public interface Taken {
        boolean taken(int port, int address);
    }

    private int next = FIRST;

    /**
     * bind(2)'s checks and choice for {@code address}:{@code port}: the port,
     * or for port 0 a free ephemeral one; -EADDRNOTAVAIL when the address is
     * not the host's, -EADDRINUSE when the port is taken (or none is free),
     * -EINVAL past 65535.
     */
    public int claim(IpOutput ip, int address, int port, Taken table) {
        if (address != 0 && !ip.isLocal(address)) return -Errno.EADDRNOTAVAIL;
        if (port < 0 || port > 0xffff) return -Errno.EINVAL;
        if (port != 0) return table.taken(port, address) ? -Errno.EADDRINUSE : port;
        for (int i = 0; i <= LAST - FIRST; i++) {
            int p = next;
            next = next == LAST ? FIRST : next + 1;
            if (!table.taken(p, address)) return p;
        }
        return -Errno.EADDRINUSE;
    }
}
