package lichen.fs.jbd2;

import lichen.fs.BigEndian;
import lichen.fs.Errno;
import lichen.fs.ext4.Crc32c;

/**
 * The journal superblock: the first 1024 bytes of journal block 0
 * (Documentation/filesystems/ext4/journal.rst, "Super Block";
 * journal_superblock_t). {@link #parse} checks every field recovery uses as a
 * block number, size or count.
 */
final class JournalSuperblock {
    static final int SIZE = 1024;
    private static final int CHECKSUM_OFFSET = 0xFC;

    /** Journal block 0, whose first SIZE bytes are the superblock. */
    final byte[] raw;
    int blockSize;
    /** s_maxlen: blocks in the journal; the log is journal blocks [first, maxLen). */
    long maxLen;
    long first;
    /** s_sequence: the first transaction expected in the log. */
    int sequence;
    /** s_start: the journal block where the log starts, 0 when the journal is empty (clean). */
    long start;
    int compat, incompat;
    /** The seed of v2 and v3 checksums: crc32c(~0, s_uuid). */
    int checksumSeed;

    private JournalSuperblock(byte[] raw) {
        this.raw = raw;
    }

    /** The superblock, or null with {@code err[0]} set: -EUCLEAN when corrupt, -EFSBADCRC for a bad checksum, -EOPNOTSUPP for unknown features. */
    static JournalSuperblock parse(byte[] raw, long areaBlocks, int fsBlockSize, int[] err) {
        JournalSuperblock s = new JournalSuperblock(raw);
        err[0] = -Errno.EUCLEAN;
        if (BigEndian.i32(raw, 0) != JournalFormat.MAGIC) return null;
        int type = BigEndian.i32(raw, 4);
        if (type != JournalFormat.SUPERBLOCK_V1 && type != JournalFormat.SUPERBLOCK_V2) return null;
        s.blockSize = BigEndian.i32(raw, 0xC);
        s.maxLen = BigEndian.u32(raw, 0x10);
        s.first = BigEndian.u32(raw, 0x14);
        s.sequence = BigEndian.i32(raw, 0x18);
        s.start = BigEndian.u32(raw, 0x1C);
        // A v1 superblock has no feature fields (they read as zero in what mke2fs writes, but are not defined).
        if (type == JournalFormat.SUPERBLOCK_V2) {
            s.compat = BigEndian.i32(raw, 0x24);
            s.incompat = BigEndian.i32(raw, 0x28);
        }
        // jbd2 requires the journal's block size to be the filesystem's (journal_get_superblock).
        if (s.blockSize != fsBlockSize) return null;
        if (s.maxLen > areaBlocks || s.first < 1 || s.first >= s.maxLen) return null;
        if (s.start != 0 && (s.start < s.first || s.start >= s.maxLen)) return null;
        err[0] = -Errno.EOPNOTSUPP;
        if ((s.incompat & ~JournalFormat.INCOMPAT_KNOWN) != 0) return null;
        if (s.checksummed()) {
            // v2 and v3 both use crc32c and are exclusive of the v1 commit checksum.
            err[0] = -Errno.EUCLEAN;
            if (s.csumV2() && s.csumV3()) return null;
            if ((raw[0x50] & 0xFF) != JournalFormat.CHECKSUM_CRC32C) return null;
            err[0] = -Errno.EFSBADCRC;
            if (s.checksum() != BigEndian.i32(raw, CHECKSUM_OFFSET)) return null;
            s.checksumSeed = Crc32c.update(-1, raw, 0x30, JournalFormat.UUID_BYTES);
        }
        err[0] = 0;
        return s;
    }

    boolean csumV2() {
        return (incompat & JournalFormat.INCOMPAT_CSUM_V2) != 0;
    }

    boolean csumV3() {
        return (incompat & JournalFormat.INCOMPAT_CSUM_V3) != 0;
    }

    /** Whether blocks carry crc32c checksums (v2 or v3): descriptor and revoke tails, commit blocks, data tags. */
    boolean checksummed() {
        return csumV2() || csumV3();
    }

    boolean wideBlocks() {
        return (incompat & JournalFormat.INCOMPAT_64BIT) != 0;
    }

    /** s_checksum: crc32c(~0, the 1024-byte superblock with s_checksum zero) (jbd2_superblock_csum). */
    int checksum() {
        int c = Crc32c.update(-1, raw, 0, CHECKSUM_OFFSET);
        c = Crc32c.updateZeros(c, 4);
        return Crc32c.update(c, raw, CHECKSUM_OFFSET + 4, SIZE - CHECKSUM_OFFSET - 4);
    }

    /**
     * Marks the journal empty after a replay: s_start 0 and s_sequence the next transaction
     * to write, past every one found (jbd2_journal_recover leaves j_transaction_sequence at
     * end_transaction + 1, so no stale block of the old log can pass for the new one's).
     */
    void markEmpty(int nextSequence) {
        start = 0;
        sequence = nextSequence;
        BigEndian.put32(raw, 0x1C, 0);
        BigEndian.put32(raw, 0x18, nextSequence);
        if (checksummed()) BigEndian.put32(raw, CHECKSUM_OFFSET, checksum());
    }
}
