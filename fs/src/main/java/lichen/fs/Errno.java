package lichen.fs;

/**
 * Linux errno numbers (asm-generic/errno-base.h and errno.h). Functions return
 * them negated: a negative int is an error, zero or more is a result.
 */
public final class Errno {
    private Errno() {}

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENODEV = 19;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOTTY = 25;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int ESPIPE = 29;
    public static final int EROFS = 30;
    public static final int EMLINK = 31;
    public static final int ERANGE = 34;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int ENODATA = 61;
    /** EBADMSG, which Linux filesystems report as EFSBADCRC: a metadata checksum does not match. */
    public static final int EBADMSG = 74;
    public static final int EFSBADCRC = EBADMSG;
    public static final int EOVERFLOW = 75;
    public static final int EOPNOTSUPP = 95;
    /** EUCLEAN, which Linux filesystems report as EFSCORRUPTED: on-disk data is inconsistent. */
    public static final int EUCLEAN = 117;
    public static final int EFSCORRUPTED = EUCLEAN;

    /** A short name for messages (the host tool prints it). */
    public static String name(int err) {
        int e = err < 0 ? -err : err;
        return switch (e) {
            case EPERM -> "EPERM"; case ENOENT -> "ENOENT"; case EIO -> "EIO"; case ENXIO -> "ENXIO";
            case EBADF -> "EBADF"; case EAGAIN -> "EAGAIN"; case ENOMEM -> "ENOMEM"; case EACCES -> "EACCES";
            case EBUSY -> "EBUSY"; case EEXIST -> "EEXIST"; case EXDEV -> "EXDEV"; case ENODEV -> "ENODEV";
            case ENOTDIR -> "ENOTDIR"; case EISDIR -> "EISDIR"; case EINVAL -> "EINVAL"; case EMFILE -> "EMFILE";
            case ENOTTY -> "ENOTTY"; case EFBIG -> "EFBIG"; case ENOSPC -> "ENOSPC"; case ESPIPE -> "ESPIPE";
            case EROFS -> "EROFS"; case EMLINK -> "EMLINK"; case ERANGE -> "ERANGE";
            case ENAMETOOLONG -> "ENAMETOOLONG"; case ENOSYS -> "ENOSYS"; case ENOTEMPTY -> "ENOTEMPTY";
            case ELOOP -> "ELOOP"; case ENODATA -> "ENODATA"; case EBADMSG -> "EFSBADCRC"; case EOVERFLOW -> "EOVERFLOW";
            case EOPNOTSUPP -> "EOPNOTSUPP"; case EUCLEAN -> "EFSCORRUPTED";
            default -> "errno " + e;
        };
    }
}
