package lichen.net.stack;

/**
 * A network device as the stack sees it (Linux's net_device, reduced): it
 * sends Ethernet frames, and its driver hands the frames it receives to
 * {@link NetStack#receive}. A virtio-net driver implements it over its
 * transmit queue; {@link LoopbackInterface} and tests' simulated links do too.
 */
public interface NetworkInterface {
    /** "eth0", "lo": for logs and for the kernel's interface list. */
    String name();

    /** The 48-bit MAC in the low bits of the long (0 for loopback). */
    long macAddress();

    /** The largest IP datagram a frame carries (1500 for Ethernet). */
    int mtu();

    /** Whether next hops are resolved with ARP (false for loopback: Linux's IFF_NOARP). */
    boolean usesArp();

    /**
     * Sends the Ethernet frame {@code frame[off, off + len)} (no frame check
     * sequence). The device copies what it needs before returning; false
     * when its queue is full and the frame was dropped, as a full queue
     * drops (TCP retransmits, UDP loses the datagram).
     */
    boolean transmit(byte[] frame, int off, int len);
}
