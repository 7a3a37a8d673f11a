package lichen.net.stack;

import java.util.ArrayDeque;

/** An Ethernet device that keeps what the stack transmits, for a test to read or pass on. */
final class CapturingDevice implements NetworkInterface {
    final long mac;
    final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    int mtu = 1500;

    CapturingDevice(long mac) { this.mac = mac; }

    public String name() { return "eth0"; }

    public long macAddress() { return mac; }

    public int mtu() { return mtu; }

    public boolean usesArp() { return true; }

    public boolean transmit(byte[] frame, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(frame, off, copy, 0, len);
        frames.add(copy);
        return true;
    }
}
