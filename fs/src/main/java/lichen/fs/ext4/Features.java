package lichen.fs.ext4;

/** Superblock feature bits (ext4 disk layout, "The Super Block": s_feature_compat, _incompat, _ro_compat). */
public final class Features {
    private Features() {}

    public static final int COMPAT_HAS_JOURNAL = 0x4;
    public static final int COMPAT_EXT_ATTR = 0x8;
    public static final int COMPAT_RESIZE_INODE = 0x10;
    public static final int COMPAT_DIR_INDEX = 0x20;

    public static final int INCOMPAT_FILETYPE = 0x2;
    public static final int INCOMPAT_RECOVER = 0x4;
    public static final int INCOMPAT_JOURNAL_DEV = 0x8;
    public static final int INCOMPAT_META_BG = 0x10;
    public static final int INCOMPAT_EXTENTS = 0x40;
    public static final int INCOMPAT_64BIT = 0x80;
    public static final int INCOMPAT_MMP = 0x100;
    public static final int INCOMPAT_FLEX_BG = 0x200;
    public static final int INCOMPAT_EA_INODE = 0x400;
    public static final int INCOMPAT_CSUM_SEED = 0x2000;
    public static final int INCOMPAT_LARGEDIR = 0x4000;
    public static final int INCOMPAT_INLINE_DATA = 0x8000;

    public static final int RO_COMPAT_SPARSE_SUPER = 0x1;
    public static final int RO_COMPAT_LARGE_FILE = 0x2;
    public static final int RO_COMPAT_HUGE_FILE = 0x8;
    public static final int RO_COMPAT_GDT_CSUM = 0x10;
    public static final int RO_COMPAT_DIR_NLINK = 0x20;
    public static final int RO_COMPAT_EXTRA_ISIZE = 0x40;
    public static final int RO_COMPAT_METADATA_CSUM = 0x400;

    /** Incompatible features this driver can read; any other bit refuses the mount. */
    public static final int INCOMPAT_READ = INCOMPAT_FILETYPE | INCOMPAT_RECOVER | INCOMPAT_META_BG
            | INCOMPAT_EXTENTS | INCOMPAT_64BIT | INCOMPAT_MMP | INCOMPAT_FLEX_BG | INCOMPAT_CSUM_SEED
            | INCOMPAT_LARGEDIR | INCOMPAT_INLINE_DATA | INCOMPAT_EA_INODE;
    /** Incompatible features allowed for a read-write mount (no journal replay, no meta_bg, no inline data). */
    public static final int INCOMPAT_WRITE = INCOMPAT_FILETYPE | INCOMPAT_EXTENTS | INCOMPAT_64BIT
            | INCOMPAT_FLEX_BG | INCOMPAT_CSUM_SEED;
    /** Read-only-compatible features allowed for a read-write mount. */
    public static final int RO_COMPAT_WRITE = RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE | RO_COMPAT_HUGE_FILE
            | RO_COMPAT_DIR_NLINK | RO_COMPAT_EXTRA_ISIZE | RO_COMPAT_METADATA_CSUM;

    /** Inode flags (i_flags). */
    public static final int INODE_INDEX_FL = 0x1000;
    public static final int INODE_HUGE_FILE_FL = 0x40000;
    public static final int INODE_EXTENTS_FL = 0x80000;
    public static final int INODE_EA_INODE_FL = 0x200000;
    public static final int INODE_INLINE_DATA_FL = 0x10000000;
}
