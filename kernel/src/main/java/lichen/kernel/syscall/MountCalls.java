package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.fs.FilesystemTypes;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/** mount(2) and umount2(2). */
final class MountCalls {
    static final long MS_REMOUNT = 32, MS_BIND = 4096, MS_MOVE = 8192;
    static final int MNT_FORCE = 1, MNT_DETACH = 2, MNT_EXPIRE = 4, UMOUNT_NOFOLLOW = 8;

    private MountCalls() {}

    /**
     * mount(2): a new filesystem of {@code fstype} on the directory
     * {@code target}. MS_REMOUNT of a mounted filesystem is accepted and
     * changes nothing (read-only remounts are not kept yet); bind and move
     * mounts are EINVAL for now. ENODEV for an unknown type, ENOTDIR or
     * ENOENT for a bad target.
     */
    @Async
    static long sysMount(Process p, long source, long target, long fstype, long flags, long data) {
        if (p.files() == null) return -Errno.ENOENT;
        Result<String> where = UserPaths.read(p, target);
        if (!where.ok()) return where.error;
        if ((flags & MS_REMOUNT) != 0) {
            return RootFilesystem.vfs().resolve(p.files(), OpenFlags.AT_FDCWD, where.value, 0).ok() ? 0 : -Errno.ENOENT;
        }
        if ((flags & (MS_BIND | MS_MOVE)) != 0) return -Errno.EINVAL;
        if (fstype == 0) return -Errno.EINVAL;
        Result<String> type = UserPaths.read(p, fstype);
        if (!type.ok()) return type.error;
        String options = null;
        if (data != 0) {
            Result<String> d = UserPaths.read(p, data);
            if (!d.ok()) return d.error;
            options = d.value;
        }
        Result<FileSystem> fs = FilesystemTypes.make(type.value, options);
        if (!fs.ok()) return fs.error;
        return RootFilesystem.vfs().mount(p.files(), where.value, fs.value);
    }

    /** umount2(2): EBUSY while files are open below it; MNT_FORCE and MNT_DETACH are taken as a plain umount. */
    @Async
    static long sysUmount2(Process p, long target, int flags) {
        if ((flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) != 0) return -Errno.EINVAL;
        if (p.files() == null) return -Errno.ENOENT;
        Result<String> where = UserPaths.read(p, target);
        if (!where.ok()) return where.error;
        return RootFilesystem.vfs().umount(p.files(), where.value);
    }
}
