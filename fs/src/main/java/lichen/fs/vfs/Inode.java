package lichen.fs.vfs;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.Result;

/**
 * A file of some filesystem. The public fields are the attributes stat(2)
 * reports; a filesystem keeps one Inode object per file while it is in use, so
 * identity comparisons work. Names are byte strings: each char holds one byte
 * (0..255) of the on-disk name, so any byte sequence round-trips.
 *
 * Operations default to the error Linux gives for a file that does not
 * support them; a filesystem overrides what it implements. The VFS checks
 * permissions and argument shapes before calling; the filesystem checks
 * what only it knows (existence, emptiness, space).
 */
public abstract class Inode {
    public final FileSystem fs;
    public final long ino;

    public int mode;
    public int uid;
    public int gid;
    public int nlink;
    public long size;
    /** st_blocks: 512-byte units allocated. */
    public long blocks512;
    /** Device number of a device node (makedev(major, minor)). */
    public int rdev;
    public long atimeSec, mtimeSec, ctimeSec, btimeSec;
    public int atimeNsec, mtimeNsec, ctimeNsec, btimeNsec;
    public boolean hasBirthTime;

    /** Open files on this inode; the VFS counts them, so an unlinked open file lives until closed. */
    public int openCount;
    /** This file's pages in the page cache, or null while it has none ({@link FileCache} sets and clears it). */
    public InodePages pages;
    /** A FIFO's pipe while some end of it is open (the kernel's, through {@link FifoOpener}), else null. */
    public Object fifo;
    /** fcntl(2)'s record locks (POSIX and open-file-description) and flock(2)'s locks; null until the first lock. */
    public FileLocks recordLocks, flocks;
    /** The one dentry of a directory (directories have no hard links). */
    Dentry alias;

    protected Inode(FileSystem fs, long ino) {
        this.fs = fs;
        this.ino = ino;
    }

    public boolean isDir() {
        return FileMode.isDir(mode);
    }

    /** Sets ctime and mtime (and atime when {@code access}) from the filesystem's clock. */
    public void touch(boolean modify, boolean change, boolean access) {
        long now = fs.clock.nowNanos();
        long s = Math.floorDiv(now, 1_000_000_000L);
        int ns = (int) Math.floorMod(now, 1_000_000_000L);
        if (modify) { mtimeSec = s; mtimeNsec = ns; }
        if (change) { ctimeSec = s; ctimeNsec = ns; }
        if (access) { atimeSec = s; atimeNsec = ns; }
    }

    /** The child called {@code name} ("." and ".." included). */
    @Async
    public Result<Inode> lookup(String name) {
        return Result.err(-Errno.ENOTDIR);
    }

    /**
     * Entries from {@code cookie} on, 0 or a negative errno. "." and ".." are
     * excluded (the VFS makes them, at offsets 0 and 1) unless
     * {@link #listsDots} says the filesystem lists them itself.
     */
    @Async
    public int readdir(long cookie, DirSink sink) {
        return -Errno.ENOTDIR;
    }

    /**
     * Whether {@link #readdir} lists "." and ".." itself and its cookies are
     * the getdents offsets unchanged: ext4 does, because Linux reads them
     * from the directory, in the directory's order and at its positions.
     */
    public boolean listsDots() {
        return false;
    }

    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        return isDir() ? -Errno.EISDIR : -Errno.EINVAL;
    }

    @Async
    public int write(long pos, byte[] buf, int off, int len) {
        return isDir() ? -Errno.EISDIR : -Errno.EINVAL;
    }

    @Async
    public int truncate(long newSize) {
        return isDir() ? -Errno.EISDIR : -Errno.EINVAL;
    }

    /** Makes a regular file, directory, device node or fifo named {@code name} (absent: the VFS checked). */
    @Async
    public Result<Inode> create(String name, int mode, int uid, int gid, int rdev) {
        return Result.err(isDir() ? -Errno.EPERM : -Errno.ENOTDIR);
    }

    @Async
    public Result<Inode> symlink(String name, String target, int uid, int gid) {
        return Result.err(isDir() ? -Errno.EPERM : -Errno.ENOTDIR);
    }

    /** A new name for {@code target}, an inode of this filesystem that is not a directory. */
    @Async
    public int link(String name, Inode target) {
        return isDir() ? -Errno.EPERM : -Errno.ENOTDIR;
    }

    /** Removes the non-directory entry {@code name}. */
    @Async
    public int unlink(String name) {
        return isDir() ? -Errno.EPERM : -Errno.ENOTDIR;
    }

    /** Removes the empty directory {@code name}. */
    @Async
    public int rmdir(String name) {
        return isDir() ? -Errno.EPERM : -Errno.ENOTDIR;
    }

    /**
     * Moves entry {@code oldName} to {@code newDir}/{@code newName} on this
     * filesystem, replacing an existing target atomically (an empty directory
     * by a directory, a non-directory by a non-directory: the VFS checked the kinds).
     */
    @Async
    public int rename(String oldName, Inode newDir, String newName) {
        return isDir() ? -Errno.EPERM : -Errno.ENOTDIR;
    }

    @Async
    public Result<String> readlink() {
        return Result.err(-Errno.EINVAL);
    }

    /** Stores the attribute fields (mode, uid, gid, times) after the VFS changed them. */
    @Async
    public int writeAttributes() {
        return fs.readOnly() ? -Errno.EROFS : 0;
    }

    /** The value of extended attribute {@code name} ("user.comment"). */
    @Async
    public Result<byte[]> getxattr(String name) {
        return Result.err(-Errno.ENODATA);
    }

    /** The names of the extended attributes. */
    @Async
    public Result<String[]> listxattr() {
        return Result.ok(new String[0]);
    }

    /** Called when the last open file closes: storage of an unlinked file is freed here. */
    @Async
    public int release() {
        return 0;
    }
}
