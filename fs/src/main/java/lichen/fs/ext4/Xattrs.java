package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.ObjectList;
import lichen.fs.Result;

/**
 * Extended attributes, read only (ext4 disk layout, "Extended Attributes"):
 * entries after the inode's extra fields (magic 0xEA020000) and in the block
 * named by i_file_acl (a 32-byte header, then entries; values at offsets
 * from the block start). Names carry a prefix index (1 "user.", 4
 * "trusted.", 6 "security.", 7 "system." ...).
 */
final class Xattrs {
    static final int MAGIC = 0xEA020000;

    private Xattrs() {}

    static String prefix(int index) {
        return switch (index) {
            case 1 -> "user.";
            case 2 -> "system.posix_acl_access";
            case 3 -> "system.posix_acl_default";
            case 4 -> "trusted.";
            case 6 -> "security.";
            case 7 -> "system.";
            case 8 -> "system.richacl";
            default -> null;
        };
    }

    /** Visits entries of one region: names into {@code names}, the value of {@code want} returned (or null). */
    private static byte[] scan(byte[] b, int first, int end, int valueBase, String want, ObjectList<String> names,
                               int[] err) {
        int off = first;
        for (int guard = 0; guard < 1024; guard++) {
            if (off > end - 4) { err[0] = -Errno.EUCLEAN; return null; }
            if (LittleEndian.i32(b, off) == 0) return null;
            if (off > end - 16) { err[0] = -Errno.EUCLEAN; return null; }
            int nameLen = LittleEndian.u8(b, off);
            int index = LittleEndian.u8(b, off + 1);
            int valueOff = LittleEndian.u16(b, off + 2);
            long valueInum = LittleEndian.u32(b, off + 4);
            long valueSize = LittleEndian.u32(b, off + 8);
            int entryLen = (16 + nameLen + 3) & ~3;
            if (off + entryLen > end) { err[0] = -Errno.EUCLEAN; return null; }
            String p = prefix(index);
            char[] c = new char[nameLen];
            for (int i = 0; i < nameLen; i++) c[i] = (char) (b[off + 16 + i] & 0xFF);
            String full = (p == null ? "unknown." : p) + new String(c);
            if (names != null) names.add(full);
            if (want != null && full.equals(want)) {
                if (valueInum != 0) { err[0] = -Errno.EOPNOTSUPP; return null; }
                long start = (long) valueBase + valueOff;
                if (start < 0 || valueSize > end || start > end - valueSize) { err[0] = -Errno.EUCLEAN; return null; }
                byte[] v = new byte[(int) valueSize];
                System.arraycopy(b, (int) start, v, 0, v.length);
                return v;
            }
            off += entryLen;
        }
        err[0] = -Errno.EUCLEAN;
        return null;
    }

    @Async
    private static byte[] walk(Ext4Inode in, String want, ObjectList<String> names, int[] err) {
        byte[] raw = in.raw;
        int start = 128 + in.extraIsize;
        if (in.extraIsize > 0 && start <= raw.length - 4 && LittleEndian.i32(raw, start) == MAGIC) {
            byte[] v = scan(raw, start + 4, raw.length, start + 4, want, names, err);
            if (v != null || err[0] != 0) return v;
        }
        if (in.fileAcl != 0) {
            Ext4Fs fs = in.efs;
            byte[] b = new byte[fs.bs];
            int r = fs.readBlock(in.fileAcl, b);
            if (r < 0) { err[0] = r; return null; }
            if (LittleEndian.i32(b, 0) != MAGIC) { err[0] = -Errno.EUCLEAN; return null; }
            return scan(b, 32, fs.bs, 0, want, names, err);
        }
        return null;
    }

    @Async
    static Result<byte[]> get(Ext4Inode in, String name) {
        int[] err = new int[1];
        byte[] v = walk(in, name, null, err);
        if (err[0] != 0) return Result.err(err[0]);
        return v == null ? Result.err(-Errno.ENODATA) : Result.ok(v);
    }

    @Async
    static Result<String[]> list(Ext4Inode in) {
        int[] err = new int[1];
        ObjectList<String> names = new ObjectList<>();
        walk(in, null, names, err);
        if (err[0] != 0) return Result.err(err[0]);
        String[] out = new String[names.size()];
        for (int i = 0; i < out.length; i++) out[i] = names.get(i);
        return Result.ok(out);
    }
}
