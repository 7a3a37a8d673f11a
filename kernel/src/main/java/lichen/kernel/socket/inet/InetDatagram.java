package lichen.kernel.socket.inet;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.kernel.net.KernelNetwork;
import lichen.kernel.socket.Message;
import lichen.kernel.socket.MessageFlags;
import lichen.kernel.socket.SocketOptions;
import lichen.libkernel.Errno;
import lichen.libkernel.sync.PollTable;
import lichen.net.udp.UdpLayer;
import lichen.net.udp.UdpSocket;

/**
 * An AF_INET SOCK_DGRAM socket: UDP (udp(7)) over the kernel's stack's
 * {@link UdpSocket}. A send never waits (the stack transmits or drops); a
 * receive waits for a datagram unless non-blocking. A datagram longer than
 * the buffer is truncated, the rest lost, MSG_TRUNC reported (and, asked
 * for in the flags, the whole length returned).
 */
final class InetDatagram extends InetSocket {
    final UdpSocket udp;
    private boolean closed;

    InetDatagram(UdpSocket udp) {
        this.udp = udp;
        watch(udp.wakers);
    }

    @Override
    public int type() { return SOCK_DGRAM; }

    @Override
    public int protocol() { return IPPROTO_UDP; }

    @Override
    int takeStackError() { return udp.takeError(); }

    /** bind(2), as inet_bind: EINVAL, EAFNOSUPPORT, EADDRNOTAVAIL, EADDRINUSE; port 0 picks one. */
    @Override
    @Async
    public int bind(FsContext ctx, byte[] a, int len) {
        int r = parseBindAddress(a, len);
        return r < 0 ? r : udp.bind(parsed.ip, parsed.port);
    }

    /** connect(2): sends go to, and datagrams come only from, this peer (udp(7)); an unbound socket gets a port. */
    @Override
    @Async
    public int connect(FsContext ctx, byte[] a, int len, boolean nonBlocking) {
        int r = parsed.parse(a, len, false);
        return r < 0 ? r : udp.connect(parsed.ip, parsed.port);
    }

    /**
     * sendto(2) (udp_sendmsg): one datagram to the address given, else to the
     * connected peer (EDESTADDRREQ without one); EMSGSIZE past 65507 bytes;
     * the address EINVAL when short, EAFNOSUPPORT for a family other than
     * AF_INET or AF_UNSPEC.
     */
    @Override
    @Async
    public long send(FsContext ctx, Message m) {
        if (m.has(MessageFlags.MSG_OOB)) return -Errno.EOPNOTSUPP;
        int ip = 0, port = 0;
        if (m.addressLength > 0) {
            int r = parsed.parse(m.address, m.addressLength, true);
            if (r < 0) return r;
            ip = parsed.ip;
            port = parsed.port;
            if (port == 0) return -Errno.EINVAL;
        }
        long total = m.source.remaining();
        if (total > UdpLayer.MAX_PAYLOAD) return -Errno.EMSGSIZE;
        byte[] data = Kmem.newBytes((int) Math.max(1, total));
        long rc;
        if (m.source.take(data, 0, (int) total) < 0) rc = -Errno.EFAULT;
        else rc = udp.sendTo(ip, port, data, 0, (int) total);
        Kmem.free(data);
        KernelNetwork.flush();
        return rc;
    }

    /** recvfrom(2): the oldest datagram and its sender, waiting for one unless non-blocking; MSG_PEEK leaves it queued. */
    @Override
    @Async
    public long receive(Message m) {
        if (m.has(MessageFlags.MSG_OOB)) return -Errno.EINVAL;
        boolean peek = m.has(MessageFlags.MSG_PEEK);
        long deadline = deadline(true);
        int room = (int) Math.min(m.sink.room(), UdpLayer.MAX_PAYLOAD);
        byte[] data = Kmem.newBytes(Math.max(1, room));
        long rc;
        while (true) {
            int full = peek ? udp.peekFrom(data, 0, room) : udp.receiveFrom(data, 0, room);
            if (full >= 0) {
                int n = Math.min(full, room);
                if (n > 0 && m.sink.put(data, 0, n) < 0) {
                    rc = -Errno.EFAULT;
                    break;
                }
                m.addressLength = Ipv4SocketAddress.write(m.address, udp.lastSourceIp(), udp.lastSourcePort());
                if (n < full) m.resultFlags |= MessageFlags.MSG_TRUNC;
                m.fullLength = full;
                rc = m.has(MessageFlags.MSG_TRUNC) ? full : n;
                break;
            }
            if (full != -Errno.EAGAIN || nonBlocking(m)) {
                rc = full;
                break;
            }
            int w = sleep(deadline);
            if (w < 0) {
                rc = w;
                break;
            }
        }
        Kmem.free(data);
        return rc;
    }

    @Override
    public int localName(byte[] out) { return Ipv4SocketAddress.write(out, udp.localIp(), udp.localPort()); }

    @Override
    public int peerName(byte[] out) {
        if (udp.remotePort() == 0) return -Errno.ENOTCONN;
        return Ipv4SocketAddress.write(out, udp.remoteIp(), udp.remotePort());
    }

    /** FIONREAD (SIOCINQ): the next datagram's length, 0 when none (udp_ioctl). */
    @Override
    public long unread() { return Math.max(0, udp.pendingLength()); }

    @Override
    public int poll(OpenFile f, PollTable table) {
        if (table != null) table.wait(udp.wakers);
        return udp.poll();
    }

    /** SO_RCVBUF sizes the stack's datagram queue (half the doubled size: its records carry a header each, not skbs). */
    @Override
    public int setOption(int level, int name, byte[] value, int len) {
        int r = super.setOption(level, name, value, len);
        if (r == 0 && level == SocketOptions.SOL_SOCKET && (name == SocketOptions.SO_RCVBUF || name == SocketOptions.SO_RCVBUFFORCE)) {
            udp.setReceiveBuffer(options.receiveBuffer / 2);
        }
        return r;
    }

    @Override
    @Async
    public void released(OpenFile f) {
        if (closed) return;
        closed = true;
        unwatch();
        udp.close();
    }
}
