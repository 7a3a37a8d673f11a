package lichen.usertest.sys;

/** struct timespec on AArch64 (include/uapi/linux/time_types.h: tv_sec and tv_nsec, both 64-bit): 16 bytes. */
public record Timespec(long sec, long nsec) {

    public static final int SIZE = 16;
    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    public static Timespec decode(byte[] b) {
        return new Timespec(LittleEndian.u64(b, 0), LittleEndian.u64(b, 8));
    }

    public byte[] encode() {
        byte[] b = new byte[SIZE];
        LittleEndian.put64(b, 0, sec);
        LittleEndian.put64(b, 8, nsec);
        return b;
    }

    public static Timespec ofNanos(long nanos) {
        return new Timespec(nanos / NANOS_PER_SECOND, nanos % NANOS_PER_SECOND);
    }

    public long toNanos() {
        return sec * NANOS_PER_SECOND + nsec;
    }
}
