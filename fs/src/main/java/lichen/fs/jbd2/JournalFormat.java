package lichen.fs.jbd2;

/**
 * Constants of the JBD2 on-disk format (Documentation/filesystems/ext4/journal.rst,
 * "Block Header", "Super Block", "Descriptor Block"; include/linux/jbd2.h).
 */
final class JournalFormat {
    private JournalFormat() {}

    /** h_magic of every journal metadata block. */
    static final int MAGIC = 0xC03B3998;
    /** Bytes of the common header: h_magic, h_blocktype, h_sequence. */
    static final int HEADER = 12;

    /** h_blocktype values. */
    static final int DESCRIPTOR = 1;
    static final int COMMIT = 2;
    static final int SUPERBLOCK_V1 = 3;
    static final int SUPERBLOCK_V2 = 4;
    static final int REVOKE = 5;

    /** s_feature_compat: the old (v1) commit-block checksum, which this reader does not verify. */
    static final int COMPAT_CHECKSUM = 0x1;
    /** s_feature_incompat. */
    static final int INCOMPAT_REVOKE = 0x1;
    static final int INCOMPAT_64BIT = 0x2;
    static final int INCOMPAT_ASYNC_COMMIT = 0x4;
    static final int INCOMPAT_CSUM_V2 = 0x8;
    static final int INCOMPAT_CSUM_V3 = 0x10;
    static final int INCOMPAT_FAST_COMMIT = 0x20;
    /** The incompatible features this reader replays; fast commits are not among them. */
    static final int INCOMPAT_KNOWN = INCOMPAT_REVOKE | INCOMPAT_64BIT | INCOMPAT_ASYNC_COMMIT
            | INCOMPAT_CSUM_V2 | INCOMPAT_CSUM_V3;

    /** s_checksum_type for crc32c, the only one v2 and v3 checksums use. */
    static final int CHECKSUM_CRC32C = 4;

    /** Tag flags (t_flags). */
    static final int FLAG_ESCAPE = 0x1;
    static final int FLAG_SAME_UUID = 0x2;
    static final int FLAG_DELETED = 0x4;
    static final int FLAG_LAST_TAG = 0x8;
    static final int UUID_BYTES = 16;
}
