package lichen.net.tcp;

import lichen.api.Slab;

/**
 * One arriving segment, decoded (RFC 9293 3.1 and the options of 3.2): a
 * reusable view the layer fills for each segment, so input makes no garbage.
 * The data stays in the frame it came in ({@link #data}, {@link #dataOffset}).
 */
@Slab
public final class TcpSegment {
    public int sourceIp, destinationIp, sourcePort, destinationPort;
    public int seq, ack, flags, window;
    /** The MSS option, 0 when absent. */
    public int mss;
    /** The window-scale option's shift, -1 when absent. */
    public int windowScale;
    public boolean sackPermitted;
    public byte[] data;
    public int dataOffset, dataLength;

    public boolean has(int flag) { return (flags & flag) != 0; }

    /** SEG.LEN: the data and the SYN and FIN flags, each of which takes a sequence number (RFC 9293 3.4). */
    public int length() { return dataLength + (has(TcpHeader.SYN) ? 1 : 0) + (has(TcpHeader.FIN) ? 1 : 0); }

    /**
     * Decodes the segment {@code p[off, off + len)} from {@code source} to
     * {@code destination}. False when it is too short, its data offset is
     * wrong, an option overruns the header, or the checksum fails (RFC 9293
     * 3.10.7: such a segment is dropped).
     */
    public boolean decode(byte[] p, int off, int len, int source, int destination) {
        if (len < TcpHeader.MIN_LENGTH) return false;
        int hlen = TcpHeader.headerLength(p, off);
        if (hlen < TcpHeader.MIN_LENGTH || hlen > len) return false;
        if (!TcpHeader.checksumValid(p, off, len, source, destination)) return false;
        sourceIp = source;
        destinationIp = destination;
        sourcePort = TcpHeader.sourcePort(p, off);
        destinationPort = TcpHeader.destinationPort(p, off);
        seq = TcpHeader.sequence(p, off);
        ack = TcpHeader.acknowledgment(p, off);
        flags = TcpHeader.flags(p, off);
        window = TcpHeader.window(p, off);
        data = p;
        dataOffset = off + hlen;
        dataLength = len - hlen;
        return decodeOptions(p, off + TcpHeader.MIN_LENGTH, off + hlen);
    }

    private boolean decodeOptions(byte[] p, int at, int end) {
        mss = 0;
        windowScale = -1;
        sackPermitted = false;
        while (at < end) {
            int kind = p[at] & 0xff;
            if (kind == TcpHeader.OPTION_END) break;
            if (kind == TcpHeader.OPTION_NOP) {
                at++;
                continue;
            }
            if (at + 1 >= end) return false;
            int olen = p[at + 1] & 0xff;
            if (olen < 2 || at + olen > end) return false;
            if (kind == TcpHeader.OPTION_MSS && olen == 4) mss = (p[at + 2] & 0xff) << 8 | (p[at + 3] & 0xff);
            else if (kind == TcpHeader.OPTION_WINDOW_SCALE && olen == 3) windowScale = Math.min(p[at + 2] & 0xff, 14); // RFC 7323 2.3
            else if (kind == TcpHeader.OPTION_SACK_PERMITTED && olen == 2) sackPermitted = true;
            at += olen;
        }
        return true;
    }
}
