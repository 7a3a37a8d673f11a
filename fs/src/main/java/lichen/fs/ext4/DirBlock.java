package lichen.fs.ext4;

import lichen.fs.LittleEndian;

/**
 * One block of a linear directory (ext4 disk layout, "Linear (Classic)
 * Directories"): ext4_dir_entry_2 records {inode u32, rec_len u16, name_len
 * u8, file_type u8, name} chained by rec_len to the end of the block, and with
 * metadata_csum a 12-byte tail holding the block's checksum.
 */
final class DirBlock {
    static final int TAIL = 12;
    static final int TAIL_TYPE = 0xDE;

    private DirBlock() {}

    /** The minimum record length for a name of {@code len} bytes. */
    static int needed(int len) {
        return (8 + len + 3) & ~3;
    }

    static long inode(byte[] b, int off) { return LittleEndian.u32(b, off); }
    static int recLen(byte[] b, int off) { return LittleEndian.u16(b, off + 4); }
    static int nameLen(byte[] b, int off) { return LittleEndian.u8(b, off + 6); }
    static int fileType(byte[] b, int off) { return LittleEndian.u8(b, off + 7); }

    /**
     * Checks the record at {@code off} in a block of {@code bs} bytes: its
     * record length, in bounds, holding its name. Returns the rec_len or -1.
     */
    static int check(byte[] b, int off, int bs) {
        if (off < 0 || off > bs - 8) return -1;
        int rec = recLen(b, off);
        if (rec == 0 && bs == 65536) rec = 65536;
        if (rec < 8 || (rec & 3) != 0 || rec > bs - off) return -1;
        if (8 + nameLen(b, off) > rec) return -1;
        return rec;
    }

    /** Whether the record at off is the metadata_csum tail. */
    static boolean isTail(byte[] b, int off, int bs) {
        return off == bs - TAIL && inode(b, off) == 0 && recLen(b, off) == TAIL && nameLen(b, off) == 0
                && fileType(b, off) == TAIL_TYPE;
    }

    static String name(byte[] b, int off) {
        int n = nameLen(b, off);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = (char) (b[off + 8 + i] & 0xFF);
        return new String(c);
    }

    static boolean nameEquals(byte[] b, int off, String name) {
        int n = nameLen(b, off);
        if (n != name.length()) return false;
        for (int i = 0; i < n; i++) if ((b[off + 8 + i] & 0xFF) != name.charAt(i)) return false;
        return true;
    }

    static void put(byte[] b, int off, long ino, int rec, String name, int type) {
        LittleEndian.put32(b, off, ino);
        LittleEndian.put16(b, off + 4, rec);
        LittleEndian.put8(b, off + 6, name.length());
        LittleEndian.put8(b, off + 7, type);
        for (int i = 0; i < name.length(); i++) b[off + 8 + i] = (byte) name.charAt(i);
    }

    /** Writes the checksum tail at the end of the block. */
    static void setTail(byte[] b, int bs, int inodeSeed) {
        int off = bs - TAIL;
        LittleEndian.put32(b, off, 0);
        LittleEndian.put16(b, off + 4, TAIL);
        LittleEndian.put8(b, off + 6, 0);
        LittleEndian.put8(b, off + 7, TAIL_TYPE);
        LittleEndian.put32(b, off + 8, Crc32c.update(inodeSeed, b, 0, off));
    }

    static byte[] nameBytes(String name) {
        byte[] n = new byte[name.length()];
        for (int i = 0; i < n.length; i++) n[i] = (byte) name.charAt(i);
        return n;
    }
}
