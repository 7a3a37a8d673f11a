package lichen.fs.vfs;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.Result;

/**
 * access(2)/faccessat, utimensat(2) and statfs(2): the attribute calls
 * beside stat that userspace tools rely on (test -w, touch, df).
 */
public final class AttributeOps {
    public static final int F_OK = 0;
    public static final int X_OK = 1;
    public static final int W_OK = 2;
    public static final int R_OK = 4;
    /** utimensat's tv_nsec values meaning "now" and "leave alone" (include/uapi/linux/stat.h). */
    public static final long UTIME_NOW = (1L << 30) - 1;
    public static final long UTIME_OMIT = (1L << 30) - 2;

    /** statfs f_type values (include/uapi/linux/magic.h). */
    public static final long EXT4_SUPER_MAGIC = 0xEF53;
    public static final long MSDOS_SUPER_MAGIC = 0x4d44;
    public static final long TMPFS_MAGIC = 0x01021994;
    public static final long PROC_SUPER_MAGIC = 0x9fa0;
    public static final int STATFS_SIZE = 120;

    private final Vfs vfs;

    public AttributeOps(Vfs vfs) {
        this.vfs = vfs;
    }

    /** faccessat(2): whether the task may read, write or execute the file (F_OK: that it exists). */
    @Async
    public int faccessat(FsContext ctx, int dirfd, String path, int mode, int atFlags) {
        if ((mode & ~7) != 0) return -Errno.EINVAL;
        Result<VfsPath> r = vfs.resolve(ctx, dirfd, path, atFlags);
        if (!r.ok()) return r.error;
        Inode in = r.value.inode();
        if ((mode & W_OK) != 0 && in.fs.readOnly() && !FileMode.isCharDevice(in.mode)) return -Errno.EROFS;
        int want = ((mode & R_OK) != 0 ? Permission.MAY_READ : 0) | ((mode & W_OK) != 0 ? Permission.MAY_WRITE : 0)
                | ((mode & X_OK) != 0 ? Permission.MAY_EXEC : 0);
        return want == 0 ? 0 : Permission.check(ctx.cred, in, want);
    }

    /**
     * utimensat(2): sets access and modification times; a nanosecond field
     * of UTIME_NOW takes the clock, UTIME_OMIT leaves the time alone. Setting
     * explicit times needs ownership; "now" also write permission.
     */
    @Async
    public int utimensat(FsContext ctx, int dirfd, String path, long atimeSec, long atimeNsec, long mtimeSec,
                         long mtimeNsec, int atFlags) {
        Result<VfsPath> r = vfs.resolve(ctx, dirfd, path, atFlags);
        if (!r.ok()) return r.error;
        Inode in = r.value.inode();
        boolean bothNow = atimeNsec == UTIME_NOW && mtimeNsec == UTIME_NOW;
        if (!valid(atimeNsec) || !valid(mtimeNsec)) return -Errno.EINVAL;
        if (ctx.cred.uid != 0 && ctx.cred.uid != in.uid) {
            if (!bothNow) return -Errno.EPERM;
            int p = Permission.check(ctx.cred, in, Permission.MAY_WRITE);
            if (p < 0) return p;
        }
        if (in.fs.readOnly()) return -Errno.EROFS;
        long now = in.fs.clock.nowNanos();
        if (atimeNsec != UTIME_OMIT) {
            in.atimeSec = atimeNsec == UTIME_NOW ? Math.floorDiv(now, 1_000_000_000L) : atimeSec;
            in.atimeNsec = (int) (atimeNsec == UTIME_NOW ? Math.floorMod(now, 1_000_000_000L) : atimeNsec);
        }
        if (mtimeNsec != UTIME_OMIT) {
            in.mtimeSec = mtimeNsec == UTIME_NOW ? Math.floorDiv(now, 1_000_000_000L) : mtimeSec;
            in.mtimeNsec = (int) (mtimeNsec == UTIME_NOW ? Math.floorMod(now, 1_000_000_000L) : mtimeNsec);
        }
        in.touch(false, true, false);
        return in.writeAttributes();
    }

    private static boolean valid(long nsec) {
        return nsec == UTIME_NOW || nsec == UTIME_OMIT || (nsec >= 0 && nsec < 1_000_000_000L);
    }

    public static long magic(FileSystem fs) {
        return switch (fs.type()) {
            case "ext2", "ext3", "ext4" -> EXT4_SUPER_MAGIC;
            case "vfat" -> MSDOS_SUPER_MAGIC;
            case "tmpfs", "devtmpfs" -> TMPFS_MAGIC;
            case "proc" -> PROC_SUPER_MAGIC;
            default -> 0;
        };
    }

    /**
     * statfs(2) into {@code out} at {@code off}: struct statfs of
     * asm-generic/statfs.h on AArch64 (120 bytes: f_type, f_bsize, f_blocks,
     * f_bfree, f_bavail, f_files, f_ffree, f_fsid, f_namelen, f_frsize,
     * f_flags, spare).
     */
    @Async
    public int statfs(FsContext ctx, int dirfd, String path, byte[] out, int off) {
        Result<VfsPath> r = vfs.resolve(ctx, dirfd, path, 0);
        if (!r.ok()) return r.error;
        return encodeStatfs(r.value.inode().fs, out, off);
    }

    /** fstatfs(2): struct statfs of the filesystem holding the open file. */
    public int fstatfs(OpenFile file, byte[] out, int off) {
        return encodeStatfs(file.inode.fs, out, off);
    }

    private static int encodeStatfs(FileSystem fs, byte[] out, int off) {
        if (off < 0 || off > out.length - STATFS_SIZE) return -Errno.EFAULT;
        long[] f = fs.statfs();
        for (int i = 0; i < STATFS_SIZE; i++) out[off + i] = 0;
        LittleEndian.put64(out, off, magic(fs));
        LittleEndian.put64(out, off + 8, fs.blockSize());
        LittleEndian.put64(out, off + 16, f[0]);
        LittleEndian.put64(out, off + 24, f[1]);
        LittleEndian.put64(out, off + 32, f[1]);
        LittleEndian.put64(out, off + 40, f[2]);
        LittleEndian.put64(out, off + 48, f[3]);
        LittleEndian.put64(out, off + 56, fs.deviceId);
        LittleEndian.put64(out, off + 64, PathWalker.NAME_MAX);
        LittleEndian.put64(out, off + 72, fs.blockSize());
        LittleEndian.put64(out, off + 80, fs.readOnly() ? 1 : 0);     // ST_RDONLY
        return 0;
    }
}
