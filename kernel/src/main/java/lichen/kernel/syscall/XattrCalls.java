package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.Inode;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.VfsPath;
import lichen.kernel.exec.ByteStrings;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * Extended attributes (xattr(7)): getxattr(2), lgetxattr, fgetxattr and
 * listxattr(2), llistxattr, flistxattr read what the filesystem keeps (ext4's
 * in-inode and block attributes; none elsewhere, so ENODATA); a size of 0
 * asks for the length, a buffer too small is ERANGE. The set and remove
 * calls are EOPNOTSUPP: fs does not write attributes yet (docs/fs.md).
 */
final class XattrCalls {
    /** XATTR_NAME_MAX (include/uapi/linux/limits.h). */
    private static final int NAME_MAX = 255;
    /** ENODATA (61) is not in libkernel's list; it is Linux's "no such attribute" (ENOATTR). */
    private static final int ENODATA = 61;

    private XattrCalls() {}

    /** getxattr(2) and lgetxattr ({@code follow} false: of a link itself). */
    @Async
    static long sysGetxattr(Process p, long path, long name, long value, long size, boolean follow) {
        Result<Inode> in = inodeAt(p, path, follow);
        return in.ok() ? get(p, in.value, name, value, size) : in.error;
    }

    /** fgetxattr. */
    @Async
    static long sysFgetxattr(Process p, int fd, long name, long value, long size) {
        OpenFile f = FileCalls.file(p, fd);
        return f == null ? -Errno.EBADF : get(p, f.inode, name, value, size);
    }

    /** listxattr(2) and llistxattr. */
    @Async
    static long sysListxattr(Process p, long path, long list, long size, boolean follow) {
        Result<Inode> in = inodeAt(p, path, follow);
        return in.ok() ? list(p, in.value, list, size) : in.error;
    }

    /** flistxattr. */
    @Async
    static long sysFlistxattr(Process p, int fd, long list, long size) {
        OpenFile f = FileCalls.file(p, fd);
        return f == null ? -Errno.EBADF : list(p, f.inode, list, size);
    }

    @Async
    private static Result<Inode> inodeAt(Process p, long path, boolean follow) {
        FsContext ctx = p.files();
        if (ctx == null) return Result.err(-Errno.ENOENT);
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.cast();
        Result<VfsPath> at = FileCalls.vfs().resolve(ctx, OpenFlags.AT_FDCWD, name.value, follow ? 0 : OpenFlags.AT_SYMLINK_NOFOLLOW);
        return at.ok() ? Result.ok(at.value.inode()) : at.cast();
    }

    @Async
    private static long get(Process p, Inode in, long nameAddress, long value, long size) {
        int len = UserCopy.stringLength(p.mm(), nameAddress, NAME_MAX);
        if (len == -Errno.ENAMETOOLONG || len == 0) return -Errno.ERANGE;
        if (len < 0) return len;
        byte[] raw = new byte[len];
        if (UserCopy.copyIn(p.mm(), nameAddress, raw, 0, len) < 0) return -Errno.EFAULT;
        Result<byte[]> v = in.getxattr(ByteStrings.text(raw));
        if (!v.ok()) return v.error == -ENODATA ? -ENODATA : v.error;
        if (size == 0) return v.value.length;
        if (size < v.value.length) return -Errno.ERANGE;
        return UserCopy.copyOut(p.mm(), value, v.value, 0, v.value.length) < 0 ? -Errno.EFAULT : v.value.length;
    }

    /** The names, each followed by a NUL (listxattr(2)). */
    @Async
    private static long list(Process p, Inode in, long list, long size) {
        Result<String[]> names = in.listxattr();
        if (!names.ok()) return names.error;
        int total = 0;
        for (String n : names.value) total += n.length() + 1;
        if (size == 0) return total;
        if (size < total) return -Errno.ERANGE;
        byte[] out = new byte[total];
        int at = 0;
        for (String n : names.value) {
            for (int i = 0; i < n.length(); i++) out[at++] = (byte) n.charAt(i);
            out[at++] = 0;
        }
        return UserCopy.copyOut(p.mm(), list, out, 0, total) < 0 ? -Errno.EFAULT : total;
    }
}
