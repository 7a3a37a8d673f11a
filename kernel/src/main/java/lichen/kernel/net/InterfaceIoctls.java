package lichen.kernel.net;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;
import lichen.net.Ipv4Address;
import lichen.net.stack.IpInterface;
import lichen.net.stack.NetStack;

/**
 * The socket ioctls that configure interfaces (netdevice(7)) and the
 * default route (SIOCADDRT, route(8)'s), on any socket: what BusyBox's
 * ifconfig and route and net-tools use. Interfaces are "lo" (index 1) and,
 * with a network device, "eth0" (index 2). Each request is a struct ifreq:
 * the name in 16 bytes, then a 24-byte union (flags, a struct sockaddr, an
 * index, the MTU). Setting needs root (CAP_NET_ADMIN).
 */
public final class InterfaceIoctls {
    public static final int SIOCADDRT = 0x890B, SIOCDELRT = 0x890C, SIOCGIFNAME = 0x8910, SIOCGIFCONF = 0x8912,
            SIOCGIFFLAGS = 0x8913, SIOCSIFFLAGS = 0x8914, SIOCGIFADDR = 0x8915, SIOCSIFADDR = 0x8916,
            SIOCGIFBRDADDR = 0x8919, SIOCGIFNETMASK = 0x891B, SIOCSIFNETMASK = 0x891C, SIOCGIFMETRIC = 0x891D,
            SIOCGIFMTU = 0x8921, SIOCGIFHWADDR = 0x8927, SIOCGIFINDEX = 0x8933, SIOCGIFTXQLEN = 0x8942;
    /** include/uapi/linux/if.h. */
    static final int IFF_UP = 0x1, IFF_BROADCAST = 0x2, IFF_LOOPBACK = 0x8, IFF_RUNNING = 0x40, IFF_MULTICAST = 0x1000;
    /** if_arp.h's hardware types. */
    static final int ARPHRD_ETHER = 1, ARPHRD_LOOPBACK = 772;
    static final int IFREQ = 40, NAME = 16;
    /** struct rtentry (64-bit): rt_gateway, rt_genmask, rt_flags, rt_dst; RTF_UP, RTF_GATEWAY. */
    static final int RTENTRY = 120, RT_DST = 8, RT_GATEWAY = 24, RT_GENMASK = 40, RT_FLAGS = 56;
    static final int RTF_UP = 1, RTF_GATEWAY = 2;

    private InterfaceIoctls() {}

    /** Whether {@code cmd} is one of these. */
    public static boolean handles(int cmd) { return cmd >= SIOCADDRT && cmd <= SIOCGIFTXQLEN; }

    @Async
    public static long ioctl(Process p, int cmd, long arg) {
        if (cmd == SIOCGIFCONF) return interfaceList(p, arg);
        if (cmd == SIOCADDRT || cmd == SIOCDELRT) return route(p, cmd, arg);
        byte[] req = Kmem.newBytes(IFREQ);
        long rc = request(p, cmd, arg, req);
        Kmem.free(req);
        return rc;
    }

    @Async
    private static long request(Process p, int cmd, long arg, byte[] req) {
        if (UserCopy.copyIn(p.mm(), arg, req, 0, IFREQ) < 0) return -Errno.EFAULT;
        NetStack stack = KernelNetwork.stack();
        IpInterface i;
        if (cmd == SIOCGIFNAME) {
            i = byIndex(stack, LittleEndian.u32(req, NAME));
            if (i == null) return -Errno.ENODEV;
            writeName(req, i.device.name());
            return UserCopy.copyOut(p.mm(), arg, req, 0, IFREQ) < 0 ? -Errno.EFAULT : 0;
        }
        i = byName(stack, req);
        if (i == null) return -Errno.ENODEV;
        boolean loopback = i == stack.loopback();
        boolean set = cmd == SIOCSIFFLAGS || cmd == SIOCSIFADDR || cmd == SIOCSIFNETMASK;
        if (set) {
            if (!privileged(p)) return -Errno.EPERM;
            return configure(stack, i, loopback, cmd, req);
        }
        for (int k = NAME; k < IFREQ; k++) req[k] = 0;
        switch (cmd) {
            case SIOCGIFFLAGS -> LittleEndian.put16(req, NAME, flags(i, loopback));
            case SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR -> {
                if (i.address == 0) return -Errno.EADDRNOTAVAIL;
                int v = cmd == SIOCGIFADDR ? i.address : cmd == SIOCGIFNETMASK ? Ipv4Address.mask(i.prefixLength) : i.broadcast();
                writeInet(req, NAME, v);
            }
            case SIOCGIFINDEX -> LittleEndian.put32(req, NAME, index(stack, i));
            case SIOCGIFMTU -> LittleEndian.put32(req, NAME, i.device.mtu());
            case SIOCGIFMETRIC -> LittleEndian.put32(req, NAME, 0);
            case SIOCGIFTXQLEN -> LittleEndian.put32(req, NAME, 1000); // txqueuelen: Linux's default for both
            case SIOCGIFHWADDR -> {
                LittleEndian.put16(req, NAME, loopback ? ARPHRD_LOOPBACK : ARPHRD_ETHER);
                long mac = i.device.macAddress();
                for (int k = 0; k < 6; k++) req[NAME + 2 + k] = (byte) (mac >>> (40 - 8 * k));
            }
            default -> { return -Errno.EINVAL; }
        }
        return UserCopy.copyOut(p.mm(), arg, req, 0, IFREQ) < 0 ? -Errno.EFAULT : 0;
    }

    /**
     * SIOCSIFFLAGS (IFF_UP taken; the loopback stays up: its 127/8 is
     * where Lichen's own sockets meet, docs/net.md), SIOCSIFADDR (the
     * netmask becomes the address's class's, as devinet_ioctl does) and
     * SIOCSIFNETMASK (contiguous masks only, else EINVAL).
     */
    private static long configure(NetStack stack, IpInterface i, boolean loopback, int cmd, byte[] req) {
        switch (cmd) {
            case SIOCSIFFLAGS -> {
                if (!loopback) i.up = (LittleEndian.u16(req, NAME) & IFF_UP) != 0;
            }
            case SIOCSIFADDR -> {
                if (LittleEndian.u16(req, NAME) != lichen.kernel.socket.SocketFamilies.AF_INET) return -Errno.EINVAL;
                if (loopback) return 0; // 127.0.0.1/8 is the loopback's for good
                int a = readInet(req, NAME);
                i.address = a;
                i.prefixLength = classfulPrefix(a);
                if (a == 0) i.gateway = 0;
            }
            case SIOCSIFNETMASK -> {
                if (loopback) return 0;
                int m = readInet(req, NAME);
                int prefix = Integer.bitCount(m);
                if (Ipv4Address.mask(prefix) != m) return -Errno.EINVAL;
                i.prefixLength = prefix;
            }
            default -> { return -Errno.EINVAL; }
        }
        KernelNetwork.flush();
        return 0;
    }

    /** The class A, B or C prefix of an address (RFC 791 2.3), what an address set without a mask gets. */
    private static int classfulPrefix(int a) {
        int top = a >>> 24;
        return top < 128 ? 8 : top < 192 ? 16 : 24;
    }

    /**
     * SIOCGIFCONF (struct ifconf: ifc_len, then ifc_buf): an ifreq with its
     * address for each interface that has one; with ifc_buf NULL only the
     * length needed (dev_ifconf).
     */
    @Async
    private static long interfaceList(Process p, long arg) {
        byte[] conf = Kmem.newBytes(16);
        long rc = listInto(p, arg, conf);
        Kmem.free(conf);
        return rc;
    }

    @Async
    private static long listInto(Process p, long arg, byte[] conf) {
        if (UserCopy.copyIn(p.mm(), arg, conf, 0, 16) < 0) return -Errno.EFAULT;
        int room = LittleEndian.u32(conf, 0);
        long buf = LittleEndian.u64(conf, 8);
        NetStack stack = KernelNetwork.stack();
        byte[] req = Kmem.newBytes(IFREQ);
        int done = 0;
        long rc = 0;
        for (int k = 0; k < stack.interfaceCount(); k++) {
            IpInterface i = stack.interfaceAt(k);
            if (i.address == 0) continue;
            if (buf != 0) {
                if (room - done < IFREQ) break;
                for (int b = 0; b < IFREQ; b++) req[b] = 0;
                writeName(req, i.device.name());
                writeInet(req, NAME, i.address);
                if (UserCopy.copyOut(p.mm(), buf + done, req, 0, IFREQ) < 0) {
                    rc = -Errno.EFAULT;
                    break;
                }
            }
            done += IFREQ;
        }
        Kmem.free(req);
        if (rc < 0) return rc;
        LittleEndian.put32(conf, 0, done);
        return UserCopy.copyOut(p.mm(), arg, conf, 0, 4) < 0 ? -Errno.EFAULT : 0;
    }

    /**
     * SIOCADDRT and SIOCDELRT of the default route only (destination and
     * genmask 0.0.0.0, RTF_GATEWAY): the gateway goes on the interface whose
     * subnet holds it (ENETUNREACH when none does; EEXIST when it has one).
     * Other routes are not kept (EOPNOTSUPP): the stack routes by subnet.
     */
    @Async
    private static long route(Process p, int cmd, long arg) {
        if (!privileged(p)) return -Errno.EPERM;
        byte[] rt = Kmem.newBytes(RTENTRY);
        long rc = UserCopy.copyIn(p.mm(), arg, rt, 0, RTENTRY) < 0 ? -Errno.EFAULT : 0;
        if (rc == 0) rc = changeDefaultRoute(cmd == SIOCADDRT, readInet(rt, RT_DST), readInet(rt, RT_GENMASK),
                readInet(rt, RT_GATEWAY), LittleEndian.u16(rt, RT_FLAGS));
        Kmem.free(rt);
        return rc;
    }

    private static long changeDefaultRoute(boolean add, int dst, int mask, int gateway, int flags) {
        if (dst != 0 || mask != 0) return -Errno.EOPNOTSUPP;
        NetStack stack = KernelNetwork.stack();
        for (int k = 1; k < stack.interfaceCount(); k++) {
            IpInterface i = stack.interfaceAt(k);
            if (add) {
                if ((flags & RTF_GATEWAY) == 0 || !i.usable() || !i.onLink(gateway)) continue;
                if (i.gateway != 0) return -Errno.EEXIST;
                i.gateway = gateway;
                return 0;
            }
            if (i.gateway != 0 && ((flags & RTF_GATEWAY) == 0 || i.gateway == gateway)) {
                i.gateway = 0;
                return 0;
            }
        }
        return add ? -Errno.ENETUNREACH : -Errno.ESRCH;
    }

    private static boolean privileged(Process p) { return p.files() == null || p.files().cred.uid == 0; }

    private static int flags(IpInterface i, boolean loopback) {
        if (loopback) return IFF_UP | IFF_LOOPBACK | IFF_RUNNING;
        return IFF_BROADCAST | IFF_MULTICAST | (i.up ? IFF_UP | IFF_RUNNING : 0);
    }

    /** Interfaces are numbered from 1 in the order attached, the loopback first (as Linux's lo is 1). */
    private static int index(NetStack stack, IpInterface i) {
        for (int k = 0; k < stack.interfaceCount(); k++) if (stack.interfaceAt(k) == i) return k + 1;
        return 0;
    }

    private static IpInterface byIndex(NetStack stack, int index) {
        return index < 1 ? null : stack.interfaceAt(index - 1);
    }

    /** The interface named by the NUL-terminated ifr_name (at most 15 characters). */
    private static IpInterface byName(NetStack stack, byte[] req) {
        for (int k = 0; k < stack.interfaceCount(); k++) {
            IpInterface i = stack.interfaceAt(k);
            String n = i.device.name();
            boolean same = n.length() < NAME && req[n.length()] == 0;
            for (int c = 0; same && c < n.length(); c++) same = req[c] == n.charAt(c);
            if (same) return i;
        }
        return null;
    }

    private static void writeName(byte[] req, String name) {
        for (int k = 0; k < NAME; k++) req[k] = k < name.length() ? (byte) name.charAt(k) : 0;
    }

    /** A struct sockaddr_in at {@code at}: AF_INET, port 0, the address. */
    private static void writeInet(byte[] b, int at, int ip) {
        LittleEndian.put16(b, at, lichen.kernel.socket.SocketFamilies.AF_INET);
        b[at + 2] = 0;
        b[at + 3] = 0;
        b[at + 4] = (byte) (ip >>> 24);
        b[at + 5] = (byte) (ip >>> 16);
        b[at + 6] = (byte) (ip >>> 8);
        b[at + 7] = (byte) ip;
    }

    private static int readInet(byte[] b, int at) {
        return (b[at + 4] & 0xff) << 24 | (b[at + 5] & 0xff) << 16 | (b[at + 6] & 0xff) << 8 | (b[at + 7] & 0xff);
    }
}
