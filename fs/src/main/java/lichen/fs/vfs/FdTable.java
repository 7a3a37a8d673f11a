package lichen.fs.vfs;

import lichen.api.Async;
import lichen.fs.Errno;

/**
 * A task's file descriptors: the lowest free number is taken first (open(2)).
 * The table holds one reference on a description for each descriptor that
 * names it. {@link #install} takes over the caller's reference (a description
 * just made: open, pipe); {@link #dup}, {@link #dupFrom} and {@link #dupTo}
 * name again a description the table already has and take the new reference
 * themselves; close gives one back. Nothing outside calls retain.
 */
public final class FdTable {
    private OpenFile[] files;
    private boolean[] cloexec;
    private int max;

    public FdTable(int max) {
        this.max = max;
        files = new OpenFile[Math.min(max, 16)];
        cloexec = new boolean[files.length];
    }

    /** RLIMIT_NOFILE's soft limit: descriptors from {@code limit} on are not handed out (those open stay open). */
    public void setLimit(int limit) { max = Math.max(0, limit); }

    /** Installs {@code f} at the lowest free descriptor, with the caller's reference; returns it or -EMFILE (the reference still the caller's). */
    public int install(OpenFile f, boolean closeOnExec) {
        for (int i = 0; i < files.length && i < max; i++) {
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

    /** Installs {@code f} at the lowest free descriptor not below {@code min}, with a reference the caller took. */
    private int installFrom(int min, OpenFile f, boolean closeOnExec) {
        if (min < 0 || min >= max) return -Errno.EINVAL;
        for (int i = min; i < max; i++) {
            if (i >= files.length) grow(i);
            if (files[i] == null) {
                files[i] = f;
                cloexec[i] = closeOnExec;
                return i;
            }
        }
        return -Errno.EMFILE;
    }

    /** Makes the arrays long enough to hold descriptor {@code fd}. */
    private void grow(int fd) {
        while (fd >= files.length) {
            OpenFile[] nf = new OpenFile[Math.min(max, files.length * 2)];
            boolean[] nc = new boolean[nf.length];
            System.arraycopy(files, 0, nf, 0, files.length);
            System.arraycopy(cloexec, 0, nc, 0, cloexec.length);
            files = nf;
            cloexec = nc;
        }
    }

    /** dup(2): another descriptor, the lowest free, for the same open file description; it or -EBADF, -EMFILE. */
    public int dup(int fd) {
        OpenFile f = get(fd);
        if (f == null) return -Errno.EBADF;
        int n = install(f, false);
        if (n >= 0) f.retain();
        return n;
    }

    /**
     * fcntl(F_DUPFD, F_DUPFD_CLOEXEC): another descriptor for {@code fd}'s
     * description, the lowest free not below {@code min}; it, -EBADF,
     * -EINVAL when {@code min} is past the limit (RLIMIT_NOFILE), -EMFILE
     * when every descriptor from there is taken.
     */
    public int dupFrom(int fd, int min, boolean closeOnExec) {
        OpenFile f = get(fd);
        if (f == null) return -Errno.EBADF;
        int n = installFrom(min, f, closeOnExec);
        if (n >= 0) f.retain();
        return n;
    }

    /**
     * dup2/dup3: {@code newfd} names {@code fd}'s description, closing what it
     * named before (nothing changes but the close-on-exec flag when that was
     * the same description); newfd, or -EBADF for a bad descriptor or a
     * {@code newfd} past the limit.
     */
    @Async
    public int dupTo(int fd, int newfd, boolean closeOnExec) {
        OpenFile f = get(fd);
        if (f == null || newfd < 0 || newfd >= max) return -Errno.EBADF;
        grow(newfd);
        OpenFile old = files[newfd];
        cloexec[newfd] = closeOnExec;
        if (old == f) return newfd;
        f.retain();
        files[newfd] = f;
        if (old != null) release(old);
        return newfd;
    }

    public boolean closeOnExec(int fd) {
        return get(fd) != null && cloexec[fd];
    }

    public int setCloseOnExec(int fd, boolean on) {
        if (get(fd) == null) return -Errno.EBADF;
        cloexec[fd] = on;
        return 0;
    }

    /** fork(2): a table sharing every open file description. */
    public FdTable copy() {
        FdTable t = new FdTable(max);
        t.files = new OpenFile[files.length];
        t.cloexec = new boolean[files.length];
        for (int i = 0; i < files.length; i++) {
            if (files[i] != null) {
                files[i].retain();
                t.files[i] = files[i];
                t.cloexec[i] = cloexec[i];
            }
        }
        return t;
    }

    /** execve(2): closes the descriptors marked close-on-exec. */
    @Async
    public void closeForExec() {
        for (int i = 0; i < files.length; i++) if (files[i] != null && cloexec[i]) close(i);
    }

    /** exit: closes everything. */
    @Async
    public void closeAll() {
        for (int i = 0; i < files.length; i++) if (files[i] != null) close(i);
    }

    /** Descriptor slots the table has now (open or not): the highest descriptor it can hold is one less. */
    public int slots() { return files.length; }

    public OpenFile get(int fd) {
        if (fd < 0 || fd >= files.length) return null;
        return files[fd];
    }

    @Async
    public int close(int fd) {
        OpenFile f = get(fd);
        if (f == null) return -Errno.EBADF;
        files[fd] = null;
        return release(f);
    }

    /** A descriptor of this table stops naming {@code f}: as Linux's filp_close, any close of a file drops the POSIX locks this table's process holds on it (fcntl(2), "Record locking"). */
    @Async
    private int release(OpenFile f) {
        if (f.inode.recordLocks != null) f.inode.recordLocks.releaseOwner(this);
        return f.close();
    }
}
