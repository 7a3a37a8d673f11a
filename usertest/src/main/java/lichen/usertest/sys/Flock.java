package lichen.usertest.sys;

/**
 * struct flock on arm64 (asm-generic/fcntl.h): short l_type, short l_whence,
 * off_t l_start at 8, off_t l_len at 16, pid_t l_pid at 24; 32 bytes. And
 * the lock commands of fcntl(2) and the operations of flock(2).
 */
public final class Flock {
    public static final int SIZE = 32;
    public static final int F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
    public static final int F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7, F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38;
    public static final int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;

    private Flock() {}

    /** A struct flock for {@code type} over {@code len} bytes from {@code start} (SEEK_SET), l_pid 0. */
    public static byte[] of(int type, long start, long len) {
        return of(type, Fcntl.SEEK_SET, start, len);
    }

    public static byte[] of(int type, int whence, long start, long len) {
        byte[] b = new byte[SIZE];
        LittleEndian.put16(b, 0, type);
        LittleEndian.put16(b, 2, whence);
        LittleEndian.put64(b, 8, start);
        LittleEndian.put64(b, 16, len);
        return b;
    }

    public static int type(byte[] b) { return (short) LittleEndian.u16(b, 0); }
    public static int whence(byte[] b) { return (short) LittleEndian.u16(b, 2); }
    public static long start(byte[] b) { return LittleEndian.u64(b, 8); }
    public static long len(byte[] b) { return LittleEndian.u64(b, 16); }
    public static int pid(byte[] b) { return LittleEndian.u32(b, 24); }

    public static void setPid(byte[] b, int pid) { LittleEndian.put32(b, 24, pid); }
}
