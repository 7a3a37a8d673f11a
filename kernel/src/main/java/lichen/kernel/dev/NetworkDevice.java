package lichen.kernel.dev;

import lichen.api.Async;

/**
 * An Ethernet interface as a TCP/IP stack sees it: its hardware address,
 * frames sent, frames received. Frames are whole Ethernet frames (destination
 * and source addresses, EtherType, payload) without the frame check sequence.
 */
public interface NetworkDevice {
    /** The largest frame {@link #transmit} takes and {@link #receive} gives: 1514 bytes (an MTU of 1500). */
    int MAX_FRAME = 1514;

    /** Byte {@code i} (0 to 5) of the MAC address. */
    int macByte(int i);

    /** Sends {@code len} bytes of {@code frame} from {@code off}; 0, or a negative errno (-EINVAL for a bad length, -EIO). */
    @Async
    int transmit(byte[] frame, int off, int len);

    /** Copies the oldest frame received into {@code dst} at {@code off} (room for MAX_FRAME); its length, or 0 when none waits. */
    int receive(byte[] dst, int off);

    /** Waits until a frame waits or the absolute {@code deadline} (kernel clock nanoseconds) passes; false at the deadline or on a signal. */
    @Async
    boolean awaitFrame(long deadline);
}
