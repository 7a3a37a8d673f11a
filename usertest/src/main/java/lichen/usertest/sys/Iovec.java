package lichen.usertest.sys;

/** An array of struct iovec (man 2 readv: void *iov_base, size_t iov_len; 16 bytes each) over Java byte arrays. */
public final class Iovec {
    public static final int SIZE = 16;
    private final byte[] entries;

    private Iovec(int count) { entries = new byte[SIZE * count]; }

    /** An iovec for each buffer, whole. */
    public static Iovec of(byte[]... buffers) {
        Iovec v = new Iovec(buffers.length);
        for (int i = 0; i < buffers.length; i++) v.set(i, Linux.address(buffers[i]), buffers[i].length);
        return v;
    }

    /** Entry {@code i} becomes {@code len} bytes at {@code base} (a bad address, for EFAULT). */
    public void set(int i, long base, long len) {
        LittleEndian.put64(entries, SIZE * i, base);
        LittleEndian.put64(entries, SIZE * i + 8, len);
    }

    public int count() { return entries.length / SIZE; }

    public long address() { return Linux.address(entries); }
}
