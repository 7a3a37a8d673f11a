package lichen.net.udp;

import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.fs.vfs.PollEvents;
import lichen.libkernel.Errno;
import lichen.libkernel.sync.WakerSet;
import lichen.net.Ipv4Address;

/**
 * A UDP endpoint (RFC 768; udp(7)): bound to a local address and port, maybe
 * connected to one peer, with a bounded queue of received datagrams. Calls
 * never sleep: an empty queue is -EAGAIN, and the kernel's socket layer
 * waits on {@link #wakers} (woken with POLLIN when a datagram arrives, POLLERR
 * when ICMP reports the connected peer unreachable).
 */
@Slab
public final class UdpSocket {
    /** Linux's default net.core.rmem_default is 212992; a smaller default bounds kernel memory. */
    public static final int DEFAULT_RECEIVE_BUFFER = 64 * 1024;

    private final UdpLayer layer;
    private final DatagramQueue queue = new DatagramQueue(DEFAULT_RECEIVE_BUFFER);
    /** Poll registrations: woken with the bits that became ready. */
    public final WakerSet wakers = new WakerSet();
    int localIp;
    int localPort;
    int remoteIp;
    int remotePort;
    boolean open = true;
    private long drops;
    /** A pending error from ICMP (a positive errno), reported once by the next call (SO_ERROR). */
    private int error;

    UdpSocket(UdpLayer layer) { this.layer = layer; }

    /** bind(2): 0, -EADDRINUSE, -EADDRNOTAVAIL (not a local address), -EINVAL (bound already). Port 0 picks one. */
    public int bind(int ip, int port) { return layer.bind(this, ip, port); }

    /** connect(2): datagrams go to, and come only from, this peer; an unbound socket is bound to a free port. */
    public int connect(int ip, int port) {
        if (port <= 0 || port > 0xffff) return -Errno.EINVAL;
        int r = bindIfUnbound();
        if (r < 0) return r;
        remoteIp = ip;
        remotePort = port;
        return 0;
    }

    /**
     * sendto(2): {@code len} bytes as one datagram to {@code ip:port} (0:0 for
     * the connected peer: -EDESTADDRREQ without one). The byte count, or
     * -EMSGSIZE past 65507 bytes, -ENETUNREACH.
     */
    public int sendTo(int ip, int port, byte[] data, int off, int len) {
        if (error != 0) return -takeError();
        if (ip == 0 && port == 0) {
            if (remotePort == 0) return -Errno.EDESTADDRREQ;
            ip = remoteIp;
            port = remotePort;
        }
        if (port <= 0 || port > 0xffff) return -Errno.EINVAL;
        int r = bindIfUnbound();
        if (r < 0) return r;
        return layer.send(this, ip, port, data, off, len);
    }

    /**
     * recvfrom(2): the oldest datagram into {@code out} (truncated to {@code
     * len}; the rest is lost, MSG_TRUNC's case), its full length returned, or
     * -EAGAIN when none is queued. The sender is {@link #lastSourceIp}.
     */
    public int receiveFrom(byte[] out, int off, int len) {
        if (error != 0) return -takeError();
        if (queue.isEmpty()) return -Errno.EAGAIN;
        return queue.poll(out, off, len);
    }

    /** recvfrom(2) with MSG_PEEK: as {@link #receiveFrom}, the datagram left queued. */
    public int peekFrom(byte[] out, int off, int len) {
        if (error != 0) return -takeError();
        if (queue.isEmpty()) return -Errno.EAGAIN;
        return queue.peek(out, off, len);
    }

    public int lastSourceIp() { return queue.lastSourceIp(); }

    public int lastSourcePort() { return queue.lastSourcePort(); }

    /** The next datagram's size, -1 when none (FIONREAD). */
    public int pendingLength() { return queue.peekLength(); }

    /** The poll(2) bits ready now: a datagram to read; always writable (sends never wait). */
    public int poll() { return (queue.isEmpty() ? 0 : PollEvents.READABLE) | PollEvents.WRITABLE | (error != 0 ? PollEvents.POLLERR : 0); }

    /** SO_ERROR: the pending error, cleared. */
    public int takeError() {
        int e = error;
        error = 0;
        return e;
    }

    /** SO_RCVBUF: the queue's size in bytes (what was queued is dropped). */
    public void setReceiveBuffer(int bytes) { queue.resize(Math.max(256, bytes)); }

    public int localIp() { return localIp; }

    public int localPort() { return localPort; }

    /** The connected peer, port 0 when none. */
    public int remoteIp() { return remoteIp; }

    public int remotePort() { return remotePort; }

    /** Datagrams dropped because the queue was full. */
    public long drops() { return drops; }

    /** close(2): unbinds and frees the socket. */
    public void close() {
        if (!open) return;
        open = false;
        layer.remove(this);
        queue.free();
        Kmem.free(this);
    }

    /** A datagram for this socket (the layer chose it). */
    void deliver(int sourceIp, int sourcePort, byte[] data, int off, int len) {
        if (!queue.offer(sourceIp, sourcePort, data, off, len)) {
            drops++;
            return;
        }
        wakers.wakeAll(PollEvents.READABLE);
    }

    void failed(int errno) {
        error = errno;
        wakers.wakeAll(PollEvents.POLLERR);
    }

    boolean accepts(int destinationIp, int destinationPort, int sourceIp, int sourcePort) {
        if (localPort != destinationPort) return false;
        if (localIp != Ipv4Address.ANY && localIp != destinationIp) return false;
        return remotePort == 0 || (remoteIp == sourceIp && remotePort == sourcePort);
    }

    private int bindIfUnbound() { return localPort != 0 ? 0 : layer.bind(this, Ipv4Address.ANY, 0); }
}
