package lichen.fs.vfs;

import lichen.fs.Errno;

/**
 * The classic Unix permission check (Linux fs/namei.c generic_permission
 * without ACLs): the owner, group or other triplet decides; uid 0 passes
 * except that executing needs some x bit on a non-directory.
 */
public final class Permission {
    private Permission() {}

    public static final int MAY_EXEC = 1;
    public static final int MAY_WRITE = 2;
    public static final int MAY_READ = 4;

    /** 0 when {@code cred} may do {@code want} (a mask of MAY_*) to {@code inode}, else -EACCES. */
    public static int check(Credentials cred, Inode inode, int want) {
        int mode = inode.mode;
        if (cred.uid == 0) {
            if ((want & MAY_EXEC) != 0 && !FileMode.isDir(mode) && (mode & 0111) == 0) return -Errno.EACCES;
            return 0;
        }
        int bits;
        if (cred.uid == inode.uid) bits = (mode >> 6) & 7;
        else if (cred.inGroup(inode.gid)) bits = (mode >> 3) & 7;
        else bits = mode & 7;
        return (bits & want) == want ? 0 : -Errno.EACCES;
    }

    /** The sticky-directory rule (unlink, rmdir, rename out of a +t directory): owner of file or dir, or root. */
    public static int checkSticky(Credentials cred, Inode dir, Inode victim) {
        if ((dir.mode & FileMode.S_ISVTX) == 0 || cred.uid == 0) return 0;
        if (cred.uid == dir.uid || cred.uid == victim.uid) return 0;
        return -Errno.EPERM;
    }
}
