package lichen.kernel.fs;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.Inode;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.VfsPath;
import lichen.kernel.exec.Exec;
import lichen.kernel.mm.MappedFile;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * How execve(2) finds its programs in the process's namespace: the path is
 * resolved from its root and cwd, and must name a regular file with an
 * execute bit (EACCES otherwise, as execve(2) lists; every process is root
 * so far, and root may run a file when any execute bit is set).
 */
public final class ExecutableFiles implements Exec.Files {
    @Override
    @Async
    public int open(Process p, int dirfd, String path, int atFlags, MappedFile[] out) {
        FsContext ctx = p.files();
        if (ctx == null || RootFilesystem.vfs() == null) return -Errno.ENOENT;
        Result<VfsPath> r = RootFilesystem.vfs().resolve(ctx, dirfd, path, atFlags);
        if (!r.ok()) return r.error;
        Inode inode = r.value.inode();
        // AT_SYMLINK_NOFOLLOW left the link unfollowed: execveat(2) "ELOOP ... the file referred to is a symbolic link".
        if (FileMode.isSymlink(inode.mode)) return -Errno.ELOOP;
        if ((inode.mode & FileMode.S_IFMT) != FileMode.S_IFREG || (inode.mode & 0111) == 0) return -Errno.EACCES;
        String where = !path.isEmpty() && path.charAt(0) == '/' ? path : RootFilesystem.vfs().walker.absolute(ctx, r.value);
        out[0] = new InodeFile(inode, where); // /proc/PID/exe names it from the root
        return 0;
    }
}
