package lichen.usertest.sys;

/**
 * One struct linux_dirent64 as getdents64 writes it (include/linux/dirent.h):
 * d_ino u64 at 0, d_off s64 at 8, d_reclen u16 at 16, d_type u8 at 18, then
 * the NUL-terminated name at 19; records are d_reclen bytes, 8-aligned.
 */
public record Dirent64(long ino, long off, int reclen, int type, String name) {

    /** d_type values (include/linux/fs_types.h: DT_*). */
    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    /** Bytes before the name. */
    public static final int NAME_OFFSET = 19;

    /**
     * The record at {@code at} within the first {@code limit} bytes of a
     * getdents64 buffer, or null when it does not fit (a bad d_reclen).
     */
    public static Dirent64 at(byte[] buf, int at, int limit) {
        if (at < 0 || limit > buf.length || at + NAME_OFFSET >= limit) {
            return null;
        }
        int reclen = LittleEndian.u16(buf, at + 16);
        if (reclen <= NAME_OFFSET || at + reclen > limit) {
            return null;
        }
        String name = CString.decodeUntilNul(buf, at + NAME_OFFSET, reclen - NAME_OFFSET);
        return new Dirent64(LittleEndian.u64(buf, at), LittleEndian.u64(buf, at + 8), reclen,
                            LittleEndian.u8(buf, at + 18), name);
    }
}
