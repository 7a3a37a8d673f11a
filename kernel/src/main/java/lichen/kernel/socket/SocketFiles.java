package lichen.kernel.socket;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.tmpfs.TmpFs;
import lichen.fs.vfs.AnonymousFiles;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.fs.FileClock;

/**
 * Linux's sockfs: every socket is an open file on a nameless inode of its
 * own, mode S_IFSOCK | 0777, so fstat(2) shows a socket and /proc/PID/fd
 * reads socket:[INODE].
 */
public final class SocketFiles {
    private static AnonymousFiles sockfs;

    private SocketFiles() {}

    /** A read-write description driving {@code s}, O_NONBLOCK when {@code flags} has it; or the errno. */
    @Async
    public static Result<OpenFile> open(Socket s, int flags) {
        if (sockfs == null) sockfs = new AnonymousFiles(new TmpFs(new FileClock(), 0, "sockfs"));
        Result<OpenFile> f = sockfs.open(FileMode.S_IFSOCK | 0777, OpenFlags.O_RDWR | (flags & OpenFlags.O_NONBLOCK), s);
        if (f.ok()) s.file = f.value;
        return f;
    }

    /** The socket behind {@code f}, or null when it is not a socket. */
    public static Socket of(OpenFile f) {
        return f != null && f.device instanceof Socket s ? s : null;
    }
}
