package lichen.fs.jbd2;

import lichen.fs.BigEndian;
import lichen.fs.ext4.Crc32c;

/**
 * The checks and fields of one journal metadata block in the log: its header,
 * the tags of a descriptor block, the records of a revoke block, the checksum
 * of a commit block (Documentation/filesystems/ext4/journal.rst, "Descriptor
 * Block", "Data Block", "Revocation Block", "Commit Block"). Every offset is
 * bounded by the block size before it is read.
 */
final class LogBlock {
    private LogBlock() {}

    /** Whether {@code b} is a journal metadata block of transaction {@code sequence}. */
    static boolean isOf(byte[] b, int sequence) {
        return BigEndian.i32(b, 0) == JournalFormat.MAGIC && BigEndian.i32(b, 8) == sequence;
    }

    static int type(byte[] b) {
        return BigEndian.i32(b, 4);
    }

    /** Bytes at the end of descriptor and revoke blocks for their checksum (jbd2_journal_block_tail), 0 without v2/v3. */
    static int tailBytes(JournalSuperblock sb) {
        return sb.checksummed() ? 4 : 0;
    }

    /**
     * Whether a descriptor or revoke block's tail checksum holds: crc32c(seed, the block with
     * the tail zero) (jbd2_descriptor_block_csum_verify). True without v2/v3.
     */
    static boolean tailMatches(JournalSuperblock sb, byte[] b) {
        if (!sb.checksummed()) return true;
        int end = sb.blockSize - 4;
        int c = Crc32c.update(sb.checksumSeed, b, 0, end);
        c = Crc32c.updateZeros(c, 4);
        return c == BigEndian.i32(b, end);
    }

    /**
     * Whether a commit block's checksum holds: h_chksum[0] (at 0x10) is crc32c(seed, the block
     * with h_chksum[0] zero) (jbd2_commit_block_csum_verify). True without v2/v3: the old
     * v1 checksum (compat CHECKSUM) covers the data blocks and is not verified here.
     */
    static boolean commitMatches(JournalSuperblock sb, byte[] b) {
        if (!sb.checksummed()) return true;
        int c = Crc32c.update(sb.checksumSeed, b, 0, 0x10);
        c = Crc32c.updateZeros(c, 4);
        c = Crc32c.update(c, b, 0x14, sb.blockSize - 0x14);
        return c == BigEndian.i32(b, 0x10);
    }

    /**
     * Bytes of one descriptor tag before its optional UUID (journal_tag_bytes): journal_block_tag3_t
     * (16) with csum v3, else journal_block_tag_t (12) less t_blocknr_high without 64bit, plus 2
     * with csum v2 (as jbd2 counts it).
     */
    static int tagBytes(JournalSuperblock sb) {
        if (sb.csumV3()) return 16;
        int size = 12 + (sb.csumV2() ? 2 : 0);
        return sb.wideBlocks() ? size : size - 4;
    }

    /** Offset of the tag after the one at {@code off}, or -1 when the one at {@code off} was the last. */
    static int nextTag(JournalSuperblock sb, byte[] b, int off) {
        int flags = tagFlags(sb, b, off);
        if ((flags & JournalFormat.FLAG_LAST_TAG) != 0) return -1;
        int next = off + tagBytes(sb) + ((flags & JournalFormat.FLAG_SAME_UUID) != 0 ? 0 : JournalFormat.UUID_BYTES);
        return next + tagBytes(sb) <= sb.blockSize - tailBytes(sb) ? next : -1;
    }

    /** Offset of a descriptor's first tag, or -1 when the block has no room for one. */
    static int firstTag(JournalSuperblock sb) {
        return JournalFormat.HEADER + tagBytes(sb) <= sb.blockSize - tailBytes(sb) ? JournalFormat.HEADER : -1;
    }

    /** How many data blocks follow the descriptor {@code b} in the log (one a tag). */
    static int tagCount(JournalSuperblock sb, byte[] b) {
        int n = 0;
        for (int off = firstTag(sb); off >= 0; off = nextTag(sb, b, off)) n++;
        return n;
    }

    static int tagFlags(JournalSuperblock sb, byte[] b, int off) {
        return sb.csumV3() ? BigEndian.i32(b, off + 4) : BigEndian.u16(b, off + 6);
    }

    /** The filesystem block the tag's data block belongs at (t_blocknr, with t_blocknr_high under 64bit). */
    static long tagTarget(JournalSuperblock sb, byte[] b, int off) {
        long blk = BigEndian.u32(b, off);
        if (sb.wideBlocks()) blk |= BigEndian.u32(b, off + 8) << 32;
        return blk;
    }

    /**
     * Whether a data block matches its tag's checksum: crc32c(seed, the big-endian sequence, then
     * the block), all 32 bits in a v3 tag, the low 16 in a v2 one (jbd2_block_tag_csum_verify).
     */
    static boolean dataMatches(JournalSuperblock sb, byte[] tags, int off, byte[] data, int sequence) {
        if (!sb.checksummed()) return true;
        int c = Crc32c.updateInt(sb.checksumSeed, Integer.reverseBytes(sequence));
        c = Crc32c.update(c, data, 0, sb.blockSize);
        if (sb.csumV3()) return c == BigEndian.i32(tags, off + 12);
        return (c & 0xFFFF) == BigEndian.u16(tags, off + 4);
    }

    /** Bytes of the revoke block's records (r_count less the 16-byte header), or -1 when r_count is impossible. */
    static int revokeBytes(JournalSuperblock sb, byte[] b) {
        long count = BigEndian.u32(b, JournalFormat.HEADER);
        if (count < 16 || count > sb.blockSize - tailBytes(sb)) return -1;
        return (int) count - 16;
    }

    /** Bytes of one revoke record: 8 under 64bit, else 4. */
    static int revokeRecordBytes(JournalSuperblock sb) {
        return sb.wideBlocks() ? 8 : 4;
    }

    static long revokeRecord(JournalSuperblock sb, byte[] b, int index) {
        int off = 16 + index * revokeRecordBytes(sb);
        return sb.wideBlocks() ? BigEndian.u32(b, off) << 32 | BigEndian.u32(b, off + 4) : BigEndian.u32(b, off);
    }
}
