package lichen.fs.vfs;

import lichen.api.Async;
import lichen.fs.Errno;

/** A task's file descriptors: the lowest free number is taken first (open(2)). */
public final class FdTable {
    private OpenFile[] files;
    private boolean[] cloexec;
    private final int max;

    public FdTable(int max) {
        this.max = max;
        files = new OpenFile[Math.min(max, 16)];
        cloexec = new boolean[files.length];
    }

    /** Installs {@code f} at the lowest free descriptor; returns it or -EMFILE. */
    public int install(OpenFile f, boolean closeOnExec) {
        for (int i = 0; i < files.length; i++) {
            if (files[i] == null) {
                files[i] = f;
                cloexec[i] = closeOnExec;
                return i;
            }
        }
        if (files.length >= max) return -Errno.EMFILE;
        int n = files.length;
        OpenFile[] nf = new OpenFile[Math.min(max, n * 2)];
        boolean[] nc = new boolean[nf.length];
        System.arraycopy(files, 0, nf, 0, n);
        System.arraycopy(cloexec, 0, nc, 0, n);
        files = nf;
        cloexec = nc;
        files[n] = f;
        cloexec[n] = closeOnExec;
        return n;
    }

    public OpenFile get(int fd) {
        if (fd < 0 || fd >= files.length) return null;
        return files[fd];
    }

    @Async
    public int close(int fd) {
        OpenFile f = get(fd);
        if (f == null) return -Errno.EBADF;
        files[fd] = null;
        return f.close();
    }
}
