package lichen.net.stack;

import lichen.api.Slab;
import lichen.net.Ipv4Address;
import lichen.net.link.ArpCache;

/**
 * A device with its IPv4 configuration: one address and subnet (its
 * connected route) and optionally a default gateway, and the ARP cache of its
 * link. Routing (RFC 1122 3.3.1) is: the loopback for 127/8 and the host's
 * own addresses, an interface whose subnet holds the destination, else the
 * first interface with a gateway. The kernel reconfigures it as ifconfig
 * and route do (SIOCSIFADDR, SIOCSIFNETMASK, SIOCSIFFLAGS, SIOCADDRT): an
 * interface that is down or has no address yet takes no part in routing and
 * receives nothing.
 */
@Slab
public final class IpInterface {
    public final NetworkInterface device;
    public int address;
    public int prefixLength;
    /** The default gateway through this interface, 0 for none. */
    public int gateway;
    /** IFF_UP: configured to carry traffic. */
    public boolean up = true;
    public final ArpCache arp;

    IpInterface(NetworkInterface device, int address, int prefixLength, int gateway) {
        this.device = device;
        this.address = address;
        this.prefixLength = prefixLength;
        this.gateway = gateway;
        this.arp = new ArpCache(32);
    }

    /** Up with an address: it routes and receives. */
    public boolean usable() { return up && address != 0; }

    /** Whether {@code destination} is on this interface's link. */
    public boolean onLink(int destination) { return Ipv4Address.sameSubnet(destination, address, prefixLength); }

    /** The subnet's directed broadcast address (RFC 919). */
    public int broadcast() { return address | ~Ipv4Address.mask(prefixLength); }
}
