package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.FsContext;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * mount(2) and umount2(2) for the filesystems that need no device (tmpfs,
 * proc, devtmpfs; anything else is ENODEV), and a remount, which changes
 * nothing yet (every mount is read-write). Only root may mount.
 */
final class MountCalls {
    /** mount flags (include/uapi/linux/mount.h). */
    static final int MS_REMOUNT = 32, MS_BIND = 4096, MS_MOVE = 8192;
    /** umount2 flags: MNT_FORCE, MNT_DETACH, MNT_EXPIRE, UMOUNT_NOFOLLOW. */
    static final int UMOUNT_FLAGS = 1 | 2 | 4 | 8;

    private MountCalls() {}

    /** mount(2): {@code source} and {@code data} are not needed by these types and not read. */
    @Async
    static long sysMount(Process p, long source, long target, long fstype, long flags, long data) {
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        if (ctx.cred.uid != 0) return -Errno.EPERM;
        Result<String> dir = UserPaths.read(p, target);
        if (!dir.ok()) return dir.error;
        if ((flags & MS_REMOUNT) != 0) {
            Result<lichen.fs.vfs.VfsPath> at = FileCalls.vfs().resolve(ctx, lichen.fs.vfs.OpenFlags.AT_FDCWD, dir.value, 0);
            if (!at.ok()) return at.error;
            return at.value.dentry == at.value.mount.root ? 0 : -Errno.EINVAL;
        }
        if ((flags & (MS_BIND | MS_MOVE)) != 0) return -Errno.EINVAL;
        if (fstype == 0) return -Errno.EINVAL;
        Result<String> type = UserPaths.read(p, fstype);
        if (!type.ok()) return type.error;
        FileSystem fs = RootFilesystem.make(type.value);
        if (fs == null) return -Errno.ENODEV;
        return FileCalls.vfs().mount(ctx, dir.value, fs);
    }

    /** umount2(2): the mount whose root is {@code target}; EBUSY while it is in use. */
    @Async
    static long sysUmount2(Process p, long target, int flags) {
        if ((flags & ~UMOUNT_FLAGS) != 0) return -Errno.EINVAL;
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        if (ctx.cred.uid != 0) return -Errno.EPERM;
        Result<String> dir = UserPaths.read(p, target);
        if (!dir.ok()) return dir.error;
        return FileCalls.vfs().umount(ctx, dir.value);
    }
}
