package lichen.fs.vfs;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.libkernel.sync.PollTable;

/**
 * An open file description: the inode, where it was opened, the flags and the
 * offset shared by every descriptor that refers to it (open(2)).
 */
public final class OpenFile {
    public final VfsPath path;
    public final Inode inode;
    public int flags;
    public long offset;
    /** The driver of a character device node, else null. */
    public final CharDevice device;
    private boolean closed;
    private int refs = 1;
    /** The epoll entries watching this description ({@link Epoll}); they go with its last close. */
    EpollItem watchers;

    OpenFile(VfsPath path, int flags, CharDevice device) {
        this.path = path;
        this.inode = path.inode();
        this.flags = flags;
        this.device = device;
        inode.openCount++;
        path.mount.openFiles++;
    }

    /**
     * Another holder shares this description: a descriptor (dup, fork: FdTable's, which takes a reference
     * for each descriptor), or a message carrying it between processes (SCM_RIGHTS, unix(7)).
     */
    public void retain() {
        refs++;
    }

    /** How many descriptors (in every table) name this description; for tests. */
    int references() { return refs; }

    @Async
    public int close() {
        if (closed) return -Errno.EBADF;
        if (--refs > 0) return 0;
        closed = true;
        if (watchers != null) Epoll.fileClosed(this);
        // Open-file-description locks and flock(2)'s go with the description's last reference.
        if (inode.recordLocks != null) inode.recordLocks.releaseOwner(this);
        if (inode.flocks != null) inode.flocks.releaseOwner(this);
        if (device != null) device.released(this);
        inode.openCount--;
        path.mount.openFiles--;
        if (inode.openCount > 0) return 0;
        if (inode.nlink == 0 && inode.pages != null) inode.pages.discard();
        return inode.release();
    }

    /** poll(2)'s readiness of this description: its device's, or always ready for files and directories. */
    public int poll(PollTable table) {
        return device != null ? device.poll(this, table) : PollEvents.ALWAYS_READY;
    }

    @Async
    public int read(byte[] buf, int off, int len) {
        int r = pread(buf, off, len, offset);
        if (r > 0) offset += r;
        return r;
    }

    @Async
    public int write(byte[] buf, int off, int len) {
        if (!OpenFlags.canWrite(flags)) return -Errno.EBADF;
        if ((flags & OpenFlags.O_APPEND) != 0 && device == null) offset = inode.size;
        int r = pwrite(buf, off, len, offset);
        if (r > 0) offset += r;
        return r;
    }

    @Async
    public int pread(byte[] buf, int off, int len, long pos) {
        if (closed || !OpenFlags.canRead(flags)) return -Errno.EBADF;
        if (off < 0 || len < 0 || off > buf.length - len || pos < 0) return -Errno.EINVAL;
        if (device != null) return device.read(this, pos, buf, off, len);
        if (inode.isDir()) return -Errno.EISDIR;
        return InodePages.readFile(inode, pos, buf, off, len);
    }

    @Async
    public int pwrite(byte[] buf, int off, int len, long pos) {
        if (closed || !OpenFlags.canWrite(flags)) return -Errno.EBADF;
        if (off < 0 || len < 0 || off > buf.length - len || pos < 0) return -Errno.EINVAL;
        if (device != null) return device.write(this, pos, buf, off, len);
        if (inode.fs.readOnly()) return -Errno.EROFS;
        return InodePages.writeFile(inode, pos, buf, off, len);
    }

    /** lseek(2): the new offset or a negative errno. */
    public long lseek(long off, int whence) {
        if (closed) return -Errno.EBADF;
        // Pipes, FIFOs and sockets have no position (lseek(2): ESPIPE); a terminal's lseek succeeds and does nothing.
        int fmt = inode.mode & FileMode.S_IFMT;
        if (fmt == FileMode.S_IFIFO || fmt == FileMode.S_IFSOCK) return -Errno.ESPIPE;
        if (device != null && !device.seekable()) return 0;
        long base;
        if (whence == OpenFlags.SEEK_SET) base = 0;
        else if (whence == OpenFlags.SEEK_CUR) base = offset;
        else if (whence == OpenFlags.SEEK_END) base = inode.size;
        else return -Errno.EINVAL;
        long n = base + off;
        if ((off > 0 && n < base) || n < 0) return -Errno.EINVAL;
        offset = n;
        return n;
    }

    /**
     * getdents64(2): fills {@code buf} with struct linux_dirent64 records
     * (d_ino u64, d_off s64, d_reclen u16, d_type u8, name, NUL, padded to 8)
     * and returns the byte count, 0 at the end, or a negative errno.
     * Offsets 0 and 1 are "." and ".."; later ones are the filesystem's
     * cookies plus 2. A filesystem that lists "." and ".." itself
     * ({@link Inode#listsDots}) has its cookies used as they are.
     */
    @Async
    public int getdents64(byte[] buf, int off, int len, VfsPath dotdot) {
        if (closed || (flags & OpenFlags.O_PATH) != 0) return -Errno.EBADF;
        if (!inode.isDir()) return -Errno.ENOTDIR;
        if (off < 0 || len < 0 || off > buf.length - len) return -Errno.EINVAL;
        if (inode.nlink == 0) return 0;
        int[] used = {0};
        boolean[] tooSmall = {false};
        int base = inode.listsDots() ? 0 : 2;
        if (base == 2 && offset == 0) {
            if (!emit(buf, off, len, used, inode.ino, FileMode.DT_DIR, ".", 1)) return tooSmall(used[0]);
            offset = 1;
        }
        if (base == 2 && offset == 1) {
            if (!emit(buf, off, len, used, dotdot.inode().ino, FileMode.DT_DIR, "..", 2)) return tooSmall(used[0]);
            offset = 2;
        }
        int r = inode.readdir(offset - base, (ino, dtype, name, next) -> {
            if (!emit(buf, off, len, used, ino, dtype, name, next + base)) {
                tooSmall[0] = used[0] == 0;
                return false;
            }
            offset = next + base;
            return true;
        });
        if (r < 0 && used[0] == 0) return r;
        if (tooSmall[0]) return -Errno.EINVAL;
        return used[0];
    }

    private static int tooSmall(int used) {
        return used == 0 ? -Errno.EINVAL : used;
    }

    public static int recordLength(String name) {
        return (19 + name.length() + 1 + 7) & ~7;
    }

    private static boolean emit(byte[] buf, int off, int len, int[] used, long ino, int dtype, String name, long next) {
        int rec = recordLength(name);
        if (used[0] + rec > len) return false;
        int p = off + used[0];
        LittleEndian.put64(buf, p, ino);
        LittleEndian.put64(buf, p + 8, next);
        LittleEndian.put16(buf, p + 16, rec);
        buf[p + 18] = (byte) dtype;
        for (int i = 0; i < name.length(); i++) buf[p + 19 + i] = (byte) name.charAt(i);
        for (int i = 19 + name.length(); i < rec; i++) buf[p + i] = 0;
        used[0] += rec;
        return true;
    }
}
