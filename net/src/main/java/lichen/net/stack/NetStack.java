package lichen.net.stack;

import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Clock;
import lichen.net.Ipv4Address;
import lichen.net.ip.FragmentReassembly;
import lichen.net.ip.Icmp;
import lichen.net.ip.Ipv4Header;
import lichen.net.link.ArpCache;
import lichen.net.link.ArpPacket;
import lichen.net.link.Ethernet;
import lichen.net.tcp.TcpLayer;
import lichen.net.udp.UdpLayer;

/**
 * The whole stack as the kernel drives it: interfaces are attached with
 * their addresses, a driver hands each received frame to {@link #receive},
 * and the kernel calls {@link #poll} when {@link #nextDeadline} comes (and
 * after receiving) so that the loopback's queue drains and the timers of
 * ARP, reassembly and TCP fire. Nothing runs on its own and nothing sleeps:
 * the stack is single-threaded code that its caller serialises.
 *
 * <p>IPv4 input (RFC 791, RFC 1122 3.2.1): validate, accept datagrams for a
 * local or broadcast address, reassemble fragments, hand the payload to ICMP,
 * UDP or TCP. Output: route (RFC 1122 3.3.1), fragment past the MTU unless
 * the transport forbids it, resolve the next hop with ARP, frame, transmit.
 */
@Slab
public final class NetStack implements IpOutput {
    private static final int MAX_INTERFACES = 8;
    /** Frames the loopback may feed back in one poll before the caller's next turn (bounds a ping-pong). */
    private static final int LOOPBACK_BUDGET = 4096;

    private final Clock clock;
    private final IpInterface[] interfaces = new IpInterface[MAX_INTERFACES];
    private int interfaceCount;
    private final LoopbackInterface loopback = new LoopbackInterface();
    private final IpInterface lo;
    private final FragmentReassembly reassembly = new FragmentReassembly(4);
    private final byte[] frame = Kmem.newBytes(Ethernet.HEADER_LENGTH + LoopbackInterface.MTU);
    private final byte[] fragment = Kmem.newBytes(HEADROOM + LoopbackInterface.MTU);
    private final byte[] reply = Kmem.newBytes(HEADROOM + FragmentReassembly.MAX_DATAGRAM);
    private final int[] arpRetries = Kmem.newInts(8);
    private int nextId;
    public final TcpLayer tcp;
    public final UdpLayer udp;
    private long received, delivered, dropped;

    /** A stack with only the loopback (127.0.0.1/8); {@code secret} keys TCP's initial sequence numbers. */
    public NetStack(Clock clock, long secret) {
        this.clock = clock;
        lo = new IpInterface(loopback, Ipv4Address.LOOPBACK, 8, 0);
        interfaces[interfaceCount++] = lo;
        tcp = new TcpLayer(this, secret);
        udp = new UdpLayer(this);
        nextId = (int) secret & 0xffff;
    }

    /** Attaches {@code device} with {@code address}/{@code prefixLength} and a default gateway (0 for none). */
    public IpInterface attach(NetworkInterface device, int address, int prefixLength, int gateway) {
        if (interfaceCount == MAX_INTERFACES) return null;
        IpInterface i = new IpInterface(device, address, prefixLength, gateway);
        interfaces[interfaceCount++] = i;
        return i;
    }

    public IpInterface loopback() { return lo; }

    /** The interfaces in the order attached, the loopback first. */
    public IpInterface interfaceAt(int i) { return i < interfaceCount ? interfaces[i] : null; }

    public int interfaceCount() { return interfaceCount; }

    /** The loopback device itself (its queue is what {@link #poll} drains). */
    public LoopbackInterface loopbackDevice() { return loopback; }

    public long now() { return clock.now(); }

    /**
     * A frame the driver of {@code in} received: {@code f[off, off + len)},
     * the Ethernet header first, no FCS. Malformed frames are dropped and
     * counted, never trusted.
     */
    public void receive(IpInterface in, byte[] f, int off, int len) {
        received++;
        if (len < Ethernet.HEADER_LENGTH || (in != lo && !in.usable())) {
            dropped++;
            return;
        }
        long dst = Ethernet.destination(f, off);
        if (in.device.usesArp() && dst != in.device.macAddress() && dst != Ethernet.BROADCAST) {
            dropped++; // another host's unicast
            return;
        }
        int type = Ethernet.type(f, off);
        int p = off + Ethernet.HEADER_LENGTH;
        int n = len - Ethernet.HEADER_LENGTH;
        if (type == Ethernet.TYPE_ARP) arpReceives(in, f, p, n);
        else if (type == Ethernet.TYPE_IPV4) ipReceives(in, f, p, n);
        else dropped++;
    }

    /** Drains the loopback and fires the timers due now. */
    public void poll() {
        long now = clock.now();
        for (int i = 0; i < LOOPBACK_BUDGET; i++) {
            int n = loopback.dequeue(frame);
            if (n == 0) break;
            receive(lo, frame, 0, n);
        }
        for (int i = 0; i < interfaceCount; i++) expireArp(interfaces[i], now);
        reassembly.expire(now);
        tcp.poll(now);
    }

    /** When {@link #poll} has work: now when the loopback holds frames, else the earliest timer. */
    public long nextDeadline() {
        if (!loopback.isEmpty()) return clock.now();
        return tcp.nextDeadline();
    }

    public long framesReceived() { return received; }

    public long datagramsDelivered() { return delivered; }

    public long framesDropped() { return dropped; }

    // --- IpOutput ---

    public int send(int source, int destination, int protocol, byte[] buf, int off, int len) {
        if (len + Ipv4Header.MIN_LENGTH > FragmentReassembly.MAX_DATAGRAM) return -Errno.EMSGSIZE;
        IpInterface out = route(destination);
        if (out == null) return -Errno.ENETUNREACH;
        int hop = out.onLink(destination) || out == lo || destination == Ipv4Address.BROADCAST ? destination : out.gateway;
        int id = nextId++ & 0xffff;
        int mtu = Math.min(out.device.mtu(), LoopbackInterface.MTU); // the fragment buffer's size
        if (len + Ipv4Header.MIN_LENGTH <= mtu) {
            int at = off - Ipv4Header.MIN_LENGTH;
            Ipv4Header.write(buf, at, len + Ipv4Header.MIN_LENGTH, id, 0, Ipv4Header.DEFAULT_TTL, protocol, source, destination);
            return frameOut(out, hop, buf, at, len + Ipv4Header.MIN_LENGTH);
        }
        // RFC 791 3.2, "Fragmentation": pieces of a multiple of 8 bytes, MF on all but the last.
        int piece = (mtu - Ipv4Header.MIN_LENGTH) & ~7;
        for (int done = 0; done < len; done += piece) {
            int n = Math.min(piece, len - done);
            int flags = (done + n < len ? Ipv4Header.FLAG_MORE_FRAGMENTS : 0) | done / 8;
            int at = HEADROOM - Ipv4Header.MIN_LENGTH;
            System.arraycopy(buf, off + done, fragment, HEADROOM, n);
            Ipv4Header.write(fragment, at, n + Ipv4Header.MIN_LENGTH, id, flags, Ipv4Header.DEFAULT_TTL, protocol, source, destination);
            int r = frameOut(out, hop, fragment, at, n + Ipv4Header.MIN_LENGTH);
            if (r < 0) return r;
        }
        return 0;
    }

    public int sourceFor(int destination) {
        IpInterface i = route(destination);
        if (i == null) return 0;
        return i == lo && !Ipv4Address.isLoopback(destination) ? destination : i.address;
    }

    public int mtuFor(int destination) {
        IpInterface i = route(destination);
        return i == null ? 0 : i.device.mtu();
    }

    public boolean isLocal(int address) {
        if (Ipv4Address.isLoopback(address)) return true;
        for (int i = 1; i < interfaceCount; i++) if (interfaces[i].usable() && interfaces[i].address == address) return true;
        return false;
    }

    /** RFC 1122 3.3.1: the loopback for local addresses, a connected subnet, else a gateway. */
    private IpInterface route(int destination) {
        if (isLocal(destination)) return lo;
        for (int i = 1; i < interfaceCount; i++) if (interfaces[i].usable() && (interfaces[i].onLink(destination) || destination == Ipv4Address.BROADCAST)) return interfaces[i];
        for (int i = 1; i < interfaceCount; i++) if (interfaces[i].usable() && interfaces[i].gateway != 0) return interfaces[i];
        return null;
    }

    /** Frames the datagram {@code b[at, at + len)} (the 14 bytes before {@code at} are free) for {@code hop}. */
    private int frameOut(IpInterface out, int hop, byte[] b, int at, int len) {
        long mac = 0;
        long now = clock.now();
        int f = at - Ethernet.HEADER_LENGTH;
        if (out.device.usesArp()) {
            mac = hop == Ipv4Address.BROADCAST || hop == out.broadcast() ? Ethernet.BROADCAST : out.arp.lookup(hop, now);
            if (mac < 0) {
                Ethernet.write(b, f, 0, out.device.macAddress(), Ethernet.TYPE_IPV4);
                if (out.arp.hold(hop, b, f, len + Ethernet.HEADER_LENGTH, now)) sendArp(out, ArpPacket.REQUEST, Ethernet.BROADCAST, 0, hop);
                return 0;
            }
        }
        Ethernet.write(b, f, mac, out.device.macAddress(), Ethernet.TYPE_IPV4);
        return out.device.transmit(b, f, len + Ethernet.HEADER_LENGTH) ? 0 : -Errno.ENOBUFS;
    }

    // --- ARP (RFC 826 "Packet Reception") ---

    private void arpReceives(IpInterface in, byte[] f, int p, int n) {
        if (!in.device.usesArp() || !ArpPacket.valid(f, p, n)) {
            dropped++;
            return;
        }
        long now = clock.now();
        int sender = ArpPacket.senderIp(f, p);
        long senderMac = ArpPacket.senderMac(f, p);
        boolean forUs = ArpPacket.targetIp(f, p) == in.address;
        if (sender != 0 && (forUs || in.arp.has(sender))) {
            // The merge: learn the sender, and send what waited for it.
            in.arp.learn(sender, senderMac, now);
            for (int held; (held = in.arp.takeHeld(sender, reply)) > 0; ) {
                Ethernet.write(reply, 0, senderMac, in.device.macAddress(), Ethernet.TYPE_IPV4);
                in.device.transmit(reply, 0, held);
            }
        }
        if (forUs && ArpPacket.operation(f, p) == ArpPacket.REQUEST) sendArp(in, ArpPacket.REPLY, senderMac, senderMac, sender);
    }

    private void sendArp(IpInterface out, int operation, long to, long targetMac, int targetIp) {
        byte[] b = fragment;
        Ethernet.write(b, 0, to, out.device.macAddress(), Ethernet.TYPE_ARP);
        ArpPacket.write(b, Ethernet.HEADER_LENGTH, operation, out.device.macAddress(), out.address, targetMac, targetIp);
        // Ethernet's minimum payload is 46 bytes (IEEE 802.3 4.2.3.3): pad.
        for (int i = Ethernet.HEADER_LENGTH + ArpPacket.LENGTH; i < Ethernet.HEADER_LENGTH + 46; i++) b[i] = 0;
        out.device.transmit(b, 0, Ethernet.HEADER_LENGTH + 46);
    }

    private void expireArp(IpInterface i, long now) {
        if (!i.device.usesArp()) return;
        ArpCache arp = i.arp;
        int n = arp.expire(now, arpRetries);
        for (int k = 0; k < n; k++) sendArp(i, ArpPacket.REQUEST, Ethernet.BROADCAST, 0, arpRetries[k]);
    }

    // --- IPv4 input ---

    private void ipReceives(IpInterface in, byte[] f, int p, int n) {
        if (!Ipv4Header.valid(f, p, n)) {
            dropped++;
            return;
        }
        int dst = Ipv4Header.destination(f, p);
        if (!isLocal(dst) && dst != Ipv4Address.BROADCAST && dst != in.broadcast()) {
            dropped++; // not ours, and a host does not forward (RFC 1122 3.3.1.5)
            return;
        }
        int src = Ipv4Header.source(f, p);
        int protocol = Ipv4Header.protocol(f, p);
        int total = Ipv4Header.totalLength(f, p);
        int ihl = Ipv4Header.headerLength(f, p);
        if (Ipv4Header.isFragment(f, p)) {
            int slot = reassembly.add(f, p, clock.now());
            if (slot < 0) return;
            deliver(in, src, dst, protocol, reassembly.payload(slot), 0, reassembly.length(slot), f, p, ihl);
            reassembly.release(slot);
            return;
        }
        deliver(in, src, dst, protocol, f, p + ihl, total - ihl, f, p, total);
    }

    /** A whole datagram's payload; {@code header[hp, hp + quoteLength)} is what an ICMP error would quote. */
    private void deliver(IpInterface in, int src, int dst, int protocol, byte[] d, int off, int len, byte[] header, int hp, int quoteLength) {
        delivered++;
        switch (protocol) {
            case Ipv4Header.PROTOCOL_ICMP -> icmpReceives(src, dst, d, off, len);
            case Ipv4Header.PROTOCOL_UDP -> {
                if (!udp.receive(src, dst, d, off, len) && dst != Ipv4Address.BROADCAST && dst != in.broadcast()) {
                    // RFC 1122 4.1.3.1: port unreachable (never for a broadcast, 3.2.2).
                    int m = Icmp.writeUnreachable(reply, HEADROOM, Icmp.CODE_PORT_UNREACHABLE, header, hp, quoteLength);
                    send(dst, src, Ipv4Header.PROTOCOL_ICMP, reply, HEADROOM, m);
                }
            }
            case Ipv4Header.PROTOCOL_TCP -> {
                if (dst == Ipv4Address.BROADCAST || dst == in.broadcast()) return; // RFC 9293 3.9.1: no broadcast TCP
                tcp.receive(src, dst, d, off, len);
            }
            default -> dropped++; // RFC 1122 3.2.2.1 would send protocol unreachable; we stay quiet
        }
    }

    private void icmpReceives(int src, int dst, byte[] d, int off, int len) {
        if (!Icmp.checksumValid(d, off, len)) {
            dropped++;
            return;
        }
        if (Icmp.type(d, off) == Icmp.DESTINATION_UNREACHABLE) {
            unreachable(Icmp.code(d, off), d, off + Icmp.HEADER_LENGTH, len - Icmp.HEADER_LENGTH);
            return;
        }
        if (Icmp.type(d, off) != Icmp.ECHO_REQUEST || len > FragmentReassembly.MAX_DATAGRAM - Ipv4Header.MIN_LENGTH) return;
        System.arraycopy(d, off, reply, HEADROOM, len);
        Icmp.makeEchoReply(reply, HEADROOM, len);
        int from = dst == Ipv4Address.BROADCAST ? sourceFor(src) : dst;
        send(from, src, Ipv4Header.PROTOCOL_ICMP, reply, HEADROOM, len);
    }

    /**
     * A destination-unreachable message quoting one of our datagrams ({@code
     * q[off, off + len)}: its IP header and at least 8 bytes, RFC 792) goes to
     * the transport that sent it (RFC 1122 3.2.2.1, 4.1.3.3, 4.2.3.9).
     */
    private void unreachable(int code, byte[] q, int off, int len) {
        if (len < Ipv4Header.MIN_LENGTH + 8 || (q[off] >>> 4 & 0xf) != 4) return;
        int ihl = Ipv4Header.headerLength(q, off);
        if (ihl < Ipv4Header.MIN_LENGTH || len < ihl + 8) return;
        int ours = Ipv4Header.source(q, off), theirs = Ipv4Header.destination(q, off);
        int t = off + ihl;
        int ourPort = (q[t] & 0xff) << 8 | (q[t + 1] & 0xff), theirPort = (q[t + 2] & 0xff) << 8 | (q[t + 3] & 0xff);
        int errno = Icmp.errnoFor(code);
        switch (Ipv4Header.protocol(q, off)) {
            case Ipv4Header.PROTOCOL_UDP -> udp.unreachable(ours, ourPort, theirs, theirPort, errno);
            case Ipv4Header.PROTOCOL_TCP -> {
                int seq = (q[t + 4] & 0xff) << 24 | (q[t + 5] & 0xff) << 16 | (q[t + 6] & 0xff) << 8 | (q[t + 7] & 0xff);
                tcp.unreachable(ours, ourPort, theirs, theirPort, seq, errno);
            }
            default -> {}
        }
    }
}
