package lichen.kernel.fs.proc;

import lichen.fs.procfs.ProcNode;
import lichen.fs.vfs.FdTable;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.Mount;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;

/**
 * /proc/PID/fd and /proc/PID/fdinfo (man 5 proc): an entry per open
 * descriptor, named by its number. fd/N is a symbolic link to the open
 * file's path (" (deleted)" after it once it has no name), or
 * "pipe:[INODE]", "socket:[INODE]", "anon_inode:[...]" for a file with no
 * name; fdinfo/N holds the offset, the flags in octal, the mount id and
 * the inode number.
 */
final class DescriptorEntries {
    private DescriptorEntries() {}

    static void refreshLinks(ProcNode dir, Process p) {
        FdTable fds = table(p);
        removeClosed(dir, fds);
        if (fds == null) return;
        for (int fd = 0; fd < fds.slots(); fd++) {
            OpenFile f = fds.get(fd);
            if (f == null || dir.findNumbered(fd) >= 0) continue;
            int n = fd;
            dir.numberedSymlink(fd, linkMode(f.flags), out -> target(out, p, n)).size = 64; // the size stat gives them on Linux
        }
    }

    /** The link's permissions show the descriptor's access, as Linux's do: r-x reading, -wx writing, rwx both. */
    private static int linkMode(int flags) {
        int access = flags & OpenFlags.O_ACCMODE;
        return access == OpenFlags.O_RDONLY ? 0500 : access == OpenFlags.O_WRONLY ? 0300 : 0700;
    }

    static void refreshInfo(ProcNode dir, Process p) {
        FdTable fds = table(p);
        removeClosed(dir, fds);
        if (fds == null) return;
        for (int fd = 0; fd < fds.slots(); fd++) {
            if (fds.get(fd) == null || dir.findNumbered(fd) >= 0) continue;
            int n = fd;
            dir.numberedFile(fd, 0444, out -> info(out, p, n));
        }
    }

    private static FdTable table(Process p) {
        FsContext ctx = p.files();
        return ctx == null ? null : ctx.fds;
    }

    private static void removeClosed(ProcNode dir, FdTable fds) {
        for (int i = dir.childCount() - 1; i >= 0; i--) {
            if (fds == null || fds.get(ProcNode.number(dir.childName(i))) == null) dir.removeChild(i);
        }
    }

    /** Where fd/N points. */
    private static void target(StringBuilder out, Process p, int fd) {
        FdTable fds = table(p);
        OpenFile f = fds == null ? null : fds.get(fd);
        if (f == null) return;
        Mount m = f.path.mount;
        if (isAnonymous(m)) {
            int type = f.inode.mode & FileMode.S_IFMT;
            String kind = type == FileMode.S_IFIFO ? "pipe:[" : type == FileMode.S_IFSOCK ? "socket:[" : "anon_inode:[";
            out.append(kind).append(f.inode.ino).append(']');
            return;
        }
        out.append(RootFilesystem.vfs().walker.absolute(reader(p.files()), f.path));
        if (f.inode.nlink == 0 && !FileMode.isDir(f.inode.mode)) out.append(" (deleted)");
    }

    /** fdinfo/N: "pos", "flags" (octal, with O_CLOEXEC for a close-on-exec descriptor), "mnt_id", "ino". */
    private static void info(StringBuilder out, Process p, int fd) {
        FdTable fds = table(p);
        OpenFile f = fds == null ? null : fds.get(fd);
        if (f == null) return;
        int flags = f.flags | (fds.closeOnExec(fd) ? OpenFlags.O_CLOEXEC : 0);
        out.append("pos:\t").append(f.offset).append("\nflags:\t0").append(Integer.toOctalString(flags)).append("\nmnt_id:\t")
                .append(MountInfo.id(f.path.mount)).append("\nino:\t").append(f.inode.ino).append('\n');
    }

    /** A file made with no name (a pipe, an eventfd): its mount is in no mount table. */
    private static boolean isAnonymous(Mount m) {
        return m.parent() == null && RootFilesystem.vfs() != null && m != RootFilesystem.vfs().mounts.get(0);
    }

    /** The filesystem context whose root paths are shown from: the reading process's, else {@code fallback}. */
    static FsContext reader(FsContext fallback) {
        Process me = Processes.current();
        return me != null && me.files() != null ? me.files() : fallback;
    }
}
