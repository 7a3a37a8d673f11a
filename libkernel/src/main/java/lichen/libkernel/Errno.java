package lichen.libkernel;

/**
 * The Linux error numbers libkernel reports, as the asm-generic/errno-base.h
 * and errno.h values that AArch64 Linux uses. Functions return them negated
 * (-ENOMEM), as the kernel's own functions do.
 */
public final class Errno {
    private Errno() {}

    /** The largest error number; a result in [-MAX_ERRNO, -1] is an error (Linux's IS_ERR_VALUE). */
    public static final int MAX_ERRNO = 4095;

    /**
     * Whether a function that returns an address or -errno failed. Kernel addresses are
     * negative as longs (their top bits are set), so "less than zero" is not the test.
     */
    public static boolean isError(long result) { return result < 0 && result >= -MAX_ERRNO; }

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int ENOEXEC = 8;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int ENOTDIR = 20;
    public static final int EXDEV = 18;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOTTY = 25;
    public static final int ENOSPC = 28;
    public static final int ESPIPE = 29;
    public static final int EPIPE = 32;
    public static final int EDOM = 33;
    public static final int ERANGE = 34;
    public static final int EDEADLK = 35;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ELOOP = 40;
    public static final int EOVERFLOW = 75;
    public static final int ELIBBAD = 80;
    public static final int ENOTSOCK = 88;
    public static final int EDESTADDRREQ = 89;
    public static final int EMSGSIZE = 90;
    public static final int EPROTOTYPE = 91;
    public static final int ENOPROTOOPT = 92;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ESOCKTNOSUPPORT = 94;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int EISCONN = 106;
    public static final int ENOTCONN = 107;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;

    /**
     * Never seen by a program (include/linux/errno.h): a call a signal
     * interrupted that becomes EINTR when a handler runs and is restarted when
     * none does, whatever SA_RESTART says (poll, select).
     */
    public static final int ERESTARTNOHAND = 514;

    /**
     * Never seen by a program either: a relative sleep a signal interrupted;
     * EINTR when a handler runs, else restart_syscall(2) sleeps what was left
     * (Linux's restart_block).
     */
    public static final int ERESTART_RESTARTBLOCK = 516;
}
