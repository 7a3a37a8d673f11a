package lichen.usertest.sys;

/** getrlimit(2)'s resources (include/uapi/asm-generic/resource.h) and RLIM_INFINITY. */
public final class Resources {
    private Resources() {}

    public static final int RLIMIT_CPU = 0;
    public static final int RLIMIT_DATA = 2;
    public static final int RLIMIT_STACK = 3;
    public static final int RLIMIT_CORE = 4;
    public static final int RLIMIT_NOFILE = 7;
    public static final int RLIMIT_NPROC = 6;
    public static final int RLIMIT_AS = 9;
    public static final int RLIMIT_SIGPENDING = 11;
    /** RLIM_NLIMITS: the first number that is not a resource. */
    public static final int RLIM_NLIMITS = 16;

    /** RLIM_INFINITY is ~0UL: -1 as a Java long. */
    public static final long RLIM_INFINITY = -1L;
}
