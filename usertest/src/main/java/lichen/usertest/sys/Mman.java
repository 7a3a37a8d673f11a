package lichen.usertest.sys;

/** mmap and mprotect flags: include/uapi/asm-generic/mman-common.h, which AArch64 uses. */
public final class Mman {
    private Mman() {}

    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;

    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_FIXED_NOREPLACE = 0x100000;

    /** mremap(2) flags. */
    public static final int MREMAP_MAYMOVE = 1;
    public static final int MREMAP_FIXED = 2;

    /** msync(2) flags. */
    public static final int MS_ASYNC = 1;
    public static final int MS_INVALIDATE = 2;
    public static final int MS_SYNC = 4;

    /** madvise(2) advice. */
    public static final int MADV_DONTNEED = 4;

    /** AArch64 Linux's base page size in the configurations Lichen and Debian use (4 KiB granule). */
    public static final int PAGE_SIZE = 4096;
}
