package lichen.usertest;

import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Sockets;

/**
 * AF_INET sockets on the loopback for a test: sockaddr_in, the loopback
 * brought up (a Linux guest's lo may be down at boot), and a listener on
 * 127.0.0.1 with a port the kernel picks, so runs never fight over one.
 */
public final class InetSockets {
    private InetSockets() {}

    public static final int LOOPBACK = 0x7f000001;
    public static final int SOCKADDR_IN = 16;
    public static final int SIOCGIFFLAGS = 0x8913, SIOCSIFFLAGS = 0x8914, IFF_UP = 0x1;
    public static final int IFREQ = 40;

    /** struct sockaddr_in for {@code ip:port}. */
    public static byte[] address(int ip, int port) {
        byte[] a = new byte[SOCKADDR_IN];
        LittleEndian.put16(a, 0, Sockets.AF_INET);
        a[2] = (byte) (port >>> 8);
        a[3] = (byte) port;
        a[4] = (byte) (ip >>> 24);
        a[5] = (byte) (ip >>> 16);
        a[6] = (byte) (ip >>> 8);
        a[7] = (byte) ip;
        return a;
    }

    public static int port(byte[] a) { return (a[2] & 0xff) << 8 | (a[3] & 0xff); }

    public static int ip(byte[] a) { return ipAt(a, 0); }

    /** The address of the sockaddr_in at {@code at} in {@code b} (an ifreq's is at 16). */
    public static int ipAt(byte[] b, int at) {
        return (b[at + 4] & 0xff) << 24 | (b[at + 5] & 0xff) << 16 | (b[at + 6] & 0xff) << 8 | (b[at + 7] & 0xff);
    }

    /** An ifreq naming {@code name}. */
    public static byte[] ifreq(String name) {
        byte[] r = new byte[IFREQ];
        for (int i = 0; i < name.length(); i++) r[i] = (byte) name.charAt(i);
        return r;
    }

    /** Brings "lo" up (SIOCGIFFLAGS, then SIOCSIFFLAGS with IFF_UP) unless it is up already; false with the failure recorded. */
    public static boolean loopbackUp(Check c) {
        long s = Sockets.socket(Sockets.AF_INET, Sockets.SOCK_DGRAM | Sockets.SOCK_CLOEXEC, 0);
        if (!c.succeeded(s, "socket(AF_INET, SOCK_DGRAM)")) {
            return false;
        }
        byte[] r = ifreq("lo");
        boolean ok = c.returned(0, Linux.ioctl((int) s, SIOCGIFFLAGS, Linux.address(r)), "SIOCGIFFLAGS lo");
        if (ok && (LittleEndian.u16(r, 16) & IFF_UP) == 0) {
            LittleEndian.put16(r, 16, LittleEndian.u16(r, 16) | IFF_UP);
            ok = c.returned(0, Linux.ioctl((int) s, SIOCSIFFLAGS, Linux.address(r)), "SIOCSIFFLAGS lo up");
        }
        Linux.close((int) s);
        return ok;
    }

    /** A socket of {@code type} (close-on-exec, plus {@code flags}), or -1 with the failure recorded. */
    public static int socket(Check c, int type, int flags) {
        long fd = Sockets.socket(Sockets.AF_INET, type | flags | Sockets.SOCK_CLOEXEC, 0);
        return c.succeeded(fd, "socket(AF_INET, " + type + ")") ? (int) fd : -1;
    }

    /** The port {@code fd} is bound to (getsockname), or -1 with the failure recorded. */
    public static int localPort(Check c, int fd) {
        byte[] a = new byte[SOCKADDR_IN];
        int[] len = {SOCKADDR_IN};
        if (!c.returned(0, Sockets.getsockname(fd, a, len), "getsockname")) {
            return -1;
        }
        return port(a);
    }

    /** A TCP listener on 127.0.0.1 at a port the kernel picks; {@code port[0]} is set to it. -1 with the failure recorded. */
    public static int listener(Check c, int[] port) {
        if (!loopbackUp(c)) {
            return -1;
        }
        int l = socket(c, Sockets.SOCK_STREAM, 0);
        if (l < 0) {
            return -1;
        }
        if (!c.returned(0, Sockets.bind(l, address(LOOPBACK, 0), SOCKADDR_IN), "bind 127.0.0.1:0")
                || !c.returned(0, Sockets.listen(l, 8), "listen")) {
            Linux.close(l);
            return -1;
        }
        port[0] = localPort(c, l);
        return port[0] > 0 ? l : -1;
    }

    /** A TCP socket connected to 127.0.0.1:{@code port} (blocking), or -1 with the failure recorded. */
    public static int connect(Check c, int port) {
        int s = socket(c, Sockets.SOCK_STREAM, 0);
        if (s >= 0 && !c.returned(0, Sockets.connect(s, address(LOOPBACK, port), SOCKADDR_IN), "connect 127.0.0.1:" + port)) {
            Linux.close(s);
            return -1;
        }
        return s;
    }

    /** A connected pair through {@code l} (listening on {@code port}): {client, server}, or null with the failure recorded. */
    public static int[] pair(Check c, int l, int port) {
        int cl = connect(c, port);
        if (cl < 0) {
            return null;
        }
        long sv = Sockets.accept4(l, null, null, Sockets.SOCK_CLOEXEC);
        if (!c.succeeded(sv, "accept4")) {
            Linux.close(cl);
            return null;
        }
        return new int[] {cl, (int) sv};
    }

    /** A connected TCP pair over the loopback, its listener closed: {client, server}, or null with the failure recorded. */
    public static int[] connectedPair(Check c) {
        int[] port = new int[1];
        int l = listener(c, port);
        if (l < 0) {
            return null;
        }
        int[] p = pair(c, l, port[0]);
        Linux.close(l);
        return p;
    }
}
