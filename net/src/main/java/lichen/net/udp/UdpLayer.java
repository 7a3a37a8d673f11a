package lichen.net.udp;

import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.fs.ObjectList;
import lichen.libkernel.Errno;
import lichen.net.Ipv4Address;
import lichen.net.ip.Ipv4Header;
import lichen.net.stack.EphemeralPorts;
import lichen.net.stack.IpOutput;

/**
 * UDP's demultiplexing (RFC 768; RFC 1122 4.1.3.4): the sockets by local
 * port, a datagram going to the one that is connected to its sender, else to
 * one bound to its port (its address or the wildcard). Binding a port twice
 * is EADDRINUSE (no SO_REUSEADDR yet).
 */
@Slab
public final class UdpLayer {
    /** 65535 - 20 (IPv4 header) - 8 (UDP header). */
    public static final int MAX_PAYLOAD = 65507;

    private final IpOutput ip;
    private final EphemeralPorts ports = new EphemeralPorts();
    private final ObjectList<UdpSocket> sockets = new ObjectList<>();
    private final byte[] tx = Kmem.newBytes(IpOutput.HEADROOM + UdpHeader.LENGTH + MAX_PAYLOAD);

    public UdpLayer(IpOutput ip) { this.ip = ip; }

    /** socket(AF_INET, SOCK_DGRAM, 0). */
    public UdpSocket open() {
        UdpSocket s = new UdpSocket(this);
        sockets.add(s);
        return s;
    }

    /**
     * A datagram that IP delivered: true when a socket took it, false when
     * none is bound to its port (the caller answers port unreachable) or it
     * is malformed (dropped silently).
     */
    public boolean receive(int source, int destination, byte[] p, int off, int len) {
        if (!UdpHeader.valid(p, off, len, source, destination)) return true;
        int sport = UdpHeader.sourcePort(p, off);
        int dport = UdpHeader.destinationPort(p, off);
        UdpSocket best = null;
        for (int i = 0; i < sockets.size(); i++) {
            UdpSocket s = sockets.get(i);
            if (!s.accepts(destination, dport, source, sport)) continue;
            if (best == null || s.remotePort != 0) best = s;
        }
        if (best == null) return false;
        best.deliver(source, sport, p, off + UdpHeader.LENGTH, UdpHeader.length(p, off) - UdpHeader.LENGTH);
        return true;
    }

    /**
     * An ICMP destination-unreachable quoting a datagram we sent: a socket
     * connected to that peer gets {@code errno} (ECONNREFUSED for a closed
     * port) for its next call, as Linux reports it only to connected sockets
     * without IP_RECVERR (RFC 1122 4.1.3.3).
     */
    public void unreachable(int ourIp, int ourPort, int theirIp, int theirPort, int errno) {
        for (int i = 0; i < sockets.size(); i++) {
            UdpSocket s = sockets.get(i);
            if (s.localPort != ourPort || s.remotePort != theirPort || s.remoteIp != theirIp) continue;
            if (s.localIp != Ipv4Address.ANY && s.localIp != ourIp) continue;
            s.failed(errno);
        }
    }

    int bind(UdpSocket s, int address, int port) {
        if (s.localPort != 0) return -Errno.EINVAL;
        int p = ports.claim(ip, address, port, this::portTaken);
        if (p < 0) return p;
        s.localIp = address;
        s.localPort = p;
        return 0;
    }

    int send(UdpSocket s, int destination, int port, byte[] data, int off, int len) {
        if (len < 0 || len > MAX_PAYLOAD) return -Errno.EMSGSIZE;
        int source = s.localIp != Ipv4Address.ANY ? s.localIp : ip.sourceFor(destination);
        if (source == 0) return -Errno.ENETUNREACH;
        int at = IpOutput.HEADROOM;
        System.arraycopy(data, off, tx, at + UdpHeader.LENGTH, len);
        UdpHeader.write(tx, at, s.localPort, port, len, source, destination);
        int r = ip.send(source, destination, Ipv4Header.PROTOCOL_UDP, tx, at, UdpHeader.LENGTH + len);
        return r < 0 ? r : len;
    }

    void remove(UdpSocket s) { sockets.removeAt(sockets.indexOf(s)); }

    private boolean portTaken(int port, int address) {
        for (int i = 0; i < sockets.size(); i++) {
            UdpSocket s = sockets.get(i);
            if (s.localPort == port && (s.localIp == Ipv4Address.ANY || address == Ipv4Address.ANY || s.localIp == address)) return true;
        }
        return false;
    }
}
