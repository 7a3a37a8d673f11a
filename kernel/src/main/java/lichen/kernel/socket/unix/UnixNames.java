package lichen.kernel.socket.unix;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.Inode;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Permission;
import lichen.fs.vfs.Vfs;
import lichen.fs.vfs.VfsPath;
import lichen.kernel.fs.RootFilesystem;
import lichen.libkernel.Errno;

/**
 * The names unix sockets are bound to (unix(7)): a pathname binding is a
 * socket inode made in the filesystem and found again by its filesystem and
 * inode number, so any path that reaches the inode (a link, a symlink, a
 * chroot) reaches the socket; an abstract name lives only here. A binding
 * goes with the socket's last close; the inode stays until it is unlinked.
 */
final class UnixNames {
    private static UnixSocket bound;
    private static int nextAutobind;

    private UnixNames() {}

    private static void add(UnixSocket s) {
        s.nextBound = bound;
        bound = s;
    }

    /** The socket's binding ends (its last close). */
    static void remove(UnixSocket s) {
        if (s.address == null) return;
        if (bound == s) {
            bound = s.nextBound;
            return;
        }
        for (UnixSocket b = bound; b != null; b = b.nextBound) {
            if (b.nextBound == s) {
                b.nextBound = s.nextBound;
                return;
            }
        }
    }

    private static UnixSocket findAbstract(UnixAddress a) {
        for (UnixSocket b = bound; b != null; b = b.nextBound) if (b.address.sameAbstractName(a)) return b;
        return null;
    }

    private static UnixSocket findInode(Inode in) {
        for (UnixSocket b = bound; b != null; b = b.nextBound) {
            if (b.boundFs != null && b.boundFs == in.fs && b.boundIno == in.ino) return b;
        }
        return null;
    }

    /**
     * bind(2) of {@code s} to {@code a}: an abstract name must be free
     * (EADDRINUSE); a pathname is made as a socket inode with mode 0777 less
     * the umask, and one that exists already is EADDRINUSE (unix(7)).
     */
    @Async
    static int bind(FsContext ctx, UnixSocket s, UnixAddress a) {
        if (a.isAbstract()) {
            if (findAbstract(a) != null) return -Errno.EADDRINUSE;
        } else {
            Vfs vfs = RootFilesystem.vfs();
            int rc = vfs.mknodat(ctx, OpenFlags.AT_FDCWD, a.path, FileMode.S_IFSOCK | 0777, 0);
            if (rc == -Errno.EEXIST) return -Errno.EADDRINUSE;
            if (rc < 0) return rc;
            Result<VfsPath> made = vfs.resolve(ctx, OpenFlags.AT_FDCWD, a.path, OpenFlags.AT_SYMLINK_NOFOLLOW);
            if (!made.ok()) return made.error;
            Inode in = made.value.inode();
            UnixSocket stale = findInode(in); // a socket bound to an inode since removed, whose number was given again
            if (stale != null) {
                remove(stale);
                stale.boundFs = null;
            }
            // By filesystem and number, not the Inode object: a filesystem may drop an unused inode and read it again.
            s.boundFs = in.fs;
            s.boundIno = in.ino;
        }
        s.address = a;
        add(s);
        return 0;
    }

    /** Autobind (unix(7)): the next free five-digit abstract name. */
    static int autobind(UnixSocket s) {
        for (int tries = 0; tries <= 0xfffff; tries++) {
            UnixAddress a = UnixAddress.autobind(nextAutobind);
            nextAutobind = (nextAutobind + 1) & 0xfffff;
            if (findAbstract(a) == null) {
                s.address = a;
                add(s);
                return 0;
            }
        }
        return -Errno.EADDRINUSE;
    }

    /**
     * The socket of {@code type} named {@code a}, for connect(2) and
     * sendto(2): an abstract name of no socket of that type is
     * ECONNREFUSED; a path is walked as open(2) walks it (ENOENT, ENOTDIR,
     * EACCES...), needs write permission, and is ECONNREFUSED when its file
     * is no socket or no socket is bound to it, EPROTOTYPE when the one
     * bound is of another type (unix_find_bsd).
     */
    @Async
    static Result<UnixSocket> find(FsContext ctx, UnixAddress a, int type) {
        if (a.isAbstract()) {
            UnixSocket s = findAbstract(a);
            return s == null || s.type() != type ? Result.err(-Errno.ECONNREFUSED) : Result.ok(s);
        }
        Result<VfsPath> r = RootFilesystem.vfs().resolve(ctx, OpenFlags.AT_FDCWD, a.path, 0);
        if (!r.ok()) return Result.err(r.error);
        Inode in = r.value.inode();
        if (!FileMode.isSocket(in.mode)) return Result.err(-Errno.ECONNREFUSED);
        int p = Permission.check(ctx.cred, in, Permission.MAY_WRITE);
        if (p < 0) return Result.err(p);
        UnixSocket s = findInode(in);
        if (s == null) return Result.err(-Errno.ECONNREFUSED);
        if (s.type() != type) return Result.err(-Errno.EPROTOTYPE);
        return Result.ok(s);
    }
}
