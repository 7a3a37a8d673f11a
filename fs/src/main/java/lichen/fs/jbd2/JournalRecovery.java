package lichen.fs.jbd2;

import lichen.api.Async;
import lichen.fs.BigEndian;
import lichen.fs.Errno;
import lichen.fs.LongObjectMap;
import lichen.fs.Result;
import lichen.fs.block.BlockDevice;

/**
 * Replays a JBD2 journal that needs recovery, in the three passes of
 * Documentation/filesystems/ext4/journal.rst ("the journal is replayed in three
 * passes") and fs/jbd2/recovery.c:
 *
 * <ol>
 * <li>scan: from s_start and s_sequence, follow descriptor, revoke and commit
 * blocks while each carries the next expected sequence and its checksum holds;
 * the last commit found ends the log (an uncommitted transaction, a stale block
 * or a bad commit checksum all end it there);</li>
 * <li>revoke: collect every revoked block with the newest transaction that
 * revoked it;</li>
 * <li>replay: write each logged block of a committed transaction to its place
 * unless a transaction at or after it revoked the block, restoring the magic of
 * escaped blocks.</li>
 * </ol>
 *
 * Then the device is flushed and the journal marked empty (s_start 0). A corrupt
 * journal is a negative errno before anything is written; a data block whose tag
 * checksum fails is skipped and reported as -EFSBADCRC after the rest is
 * replayed, as jbd2 does.
 */
public final class JournalRecovery {
    private final BlockDevice dev;
    private final JournalArea area;
    private final long fsBlocks;
    private final JournalSuperblock sb;
    private final int bs;
    private final byte[] log;
    private final byte[] data;
    /** Revoked block -> int[1] holding the newest revoking transaction. */
    private final LongObjectMap<int[]> revoked = new LongObjectMap<>();
    private int endSequence;

    /** Transactions found committed in the log, blocks written to their place, blocks skipped as revoked. */
    public int transactions;
    public int blocksReplayed;
    public int blocksRevoked;

    private JournalRecovery(BlockDevice dev, JournalArea area, long fsBlocks, JournalSuperblock sb) {
        this.dev = dev;
        this.area = area;
        this.fsBlocks = fsBlocks;
        this.sb = sb;
        this.bs = sb.blockSize;
        this.log = new byte[bs];
        this.data = new byte[bs];
    }

    /**
     * Reads the journal superblock of the journal in {@code area} on {@code dev} (blocks of
     * {@code blockSize} bytes, {@code fsBlocks} of them in the filesystem) and, when the log is
     * not empty, replays it. Returns the recovery (its counts), or an error: -EUCLEAN for a
     * corrupt journal, -EFSBADCRC for a bad checksum, -EOPNOTSUPP for journal features not known.
     */
    @Async
    public static Result<JournalRecovery> recover(BlockDevice dev, JournalArea area, int blockSize, long fsBlocks) {
        if (area.blocks() < 2) return Result.err(-Errno.EUCLEAN);
        byte[] raw = new byte[blockSize];
        int r = readJournalBlock(dev, area, blockSize, 0, raw);
        if (r < 0) return Result.err(r);
        int[] err = new int[1];
        JournalSuperblock sb = JournalSuperblock.parse(raw, area.blocks(), blockSize, err);
        if (sb == null) return Result.err(err[0]);
        JournalRecovery rec = new JournalRecovery(dev, area, fsBlocks, sb);
        r = rec.run();
        if (r < 0 && r != -Errno.EFSBADCRC) return Result.err(r);
        int done = rec.markEmpty();
        if (done < 0) return Result.err(done);
        return r < 0 ? Result.err(r) : Result.ok(rec);
    }

    @Async
    private int run() {
        endSequence = sb.sequence;
        if (sb.start == 0) return 0;
        int r = scan();
        if (r < 0) return r;
        r = collectRevokes();
        if (r < 0) return r;
        return replay();
    }

    /** The journal block after {@code blk} in the circular log [first, maxLen). */
    private long advance(long blk, long by) {
        long span = sb.maxLen - sb.first;
        return sb.first + (blk - sb.first + by % span) % span;
    }

    /**
     * Pass 1: finds endSequence, the first transaction not committed in the log. Every
     * descriptor's targets are checked against the filesystem here, so a corrupt log is refused
     * before the replay writes anything. The walk is bounded by one turn of the log.
     */
    @Async
    private int scan() {
        long blk = sb.start;
        int seq = sb.sequence;
        long walked = 0;
        long span = sb.maxLen - sb.first;
        while (walked < span) {
            int r = readLogBlock(blk, log);
            if (r < 0) return r;
            if (!LogBlock.isOf(log, seq)) break;
            int type = LogBlock.type(log);
            if (type == JournalFormat.DESCRIPTOR) {
                if (!LogBlock.tailMatches(sb, log)) break;
                int n = 0;
                for (int off = LogBlock.firstTag(sb); off >= 0; off = LogBlock.nextTag(sb, log, off), n++) {
                    long target = LogBlock.tagTarget(sb, log, off);
                    if (target >= fsBlocks) return -Errno.EUCLEAN;
                }
                if (1 + n > span - walked) return -Errno.EUCLEAN;
                blk = advance(blk, 1 + n);
                walked += 1 + n;
            } else if (type == JournalFormat.REVOKE) {
                if (!LogBlock.tailMatches(sb, log) || LogBlock.revokeBytes(sb, log) < 0) break;
                blk = advance(blk, 1);
                walked++;
            } else if (type == JournalFormat.COMMIT) {
                if (!LogBlock.commitMatches(sb, log)) break;
                seq++;
                transactions++;
                blk = advance(blk, 1);
                walked++;
            } else {
                break;
            }
        }
        endSequence = seq;
        return 0;
    }

    /** Pass 2: the revoke records of the committed transactions. */
    @Async
    private int collectRevokes() {
        long blk = sb.start;
        int seq = sb.sequence;
        while (seq != endSequence) {
            int r = readLogBlock(blk, log);
            if (r < 0) return r;
            int type = LogBlock.type(log);
            if (type == JournalFormat.DESCRIPTOR) {
                blk = advance(blk, 1 + LogBlock.tagCount(sb, log));
                continue;
            }
            if (type == JournalFormat.REVOKE) {
                int records = LogBlock.revokeBytes(sb, log) / LogBlock.revokeRecordBytes(sb);
                for (int i = 0; i < records; i++) {
                    long target = LogBlock.revokeRecord(sb, log, i);
                    int[] newest = revoked.get(target);
                    if (newest == null) revoked.put(target, new int[] {seq});
                    else if (seq - newest[0] > 0) newest[0] = seq;
                }
            } else if (type == JournalFormat.COMMIT) {
                seq++;
            }
            blk = advance(blk, 1);
        }
        return 0;
    }

    /** Pass 3: each logged block of a committed transaction to its place, unless revoked at or after it. */
    @Async
    private int replay() {
        long blk = sb.start;
        int seq = sb.sequence;
        int result = 0;
        while (seq != endSequence) {
            int r = readLogBlock(blk, log);
            if (r < 0) return r;
            int type = LogBlock.type(log);
            if (type == JournalFormat.COMMIT) seq++;
            if (type != JournalFormat.DESCRIPTOR) {
                blk = advance(blk, 1);
                continue;
            }
            long at = advance(blk, 1);
            int n = 0;
            for (int off = LogBlock.firstTag(sb); off >= 0; off = LogBlock.nextTag(sb, log, off), n++) {
                long target = LogBlock.tagTarget(sb, log, off);
                long dataBlk = at;
                at = advance(at, 1);
                int[] newest = revoked.get(target);
                if (newest != null && newest[0] - seq >= 0) {
                    blocksRevoked++;
                    continue;
                }
                r = readLogBlock(dataBlk, data);
                if (r < 0) return r;
                // The tag's checksum covers the block as logged, escaped (jbd2 verifies before unescaping).
                if (!LogBlock.dataMatches(sb, log, off, data, seq)) {
                    result = -Errno.EFSBADCRC;
                    continue;
                }
                if ((LogBlock.tagFlags(sb, log, off) & JournalFormat.FLAG_ESCAPE) != 0) BigEndian.put32(data, 0, JournalFormat.MAGIC);
                r = dev.write(target * bs, data, 0, bs);
                if (r < 0) return r;
                blocksReplayed++;
            }
            blk = advance(blk, 1 + n);
        }
        return result;
    }

    /** Makes the replayed blocks durable, then the journal superblock says the log is empty. */
    @Async
    private int markEmpty() {
        if (sb.start == 0) return 0;
        int r = dev.flush();
        if (r < 0) return r;
        sb.markEmpty(endSequence + 1);
        long devBlk = area.deviceBlock(0);
        if (devBlk < 0) return (int) devBlk;
        r = dev.write(devBlk * bs, sb.raw, 0, bs);
        if (r < 0) return r;
        return dev.flush();
    }

    @Async
    private int readLogBlock(long blk, byte[] buf) {
        return readJournalBlock(dev, area, bs, blk, buf);
    }

    @Async
    private static int readJournalBlock(BlockDevice dev, JournalArea area, int bs, long blk, byte[] buf) {
        long devBlk = area.deviceBlock(blk);
        if (devBlk < 0) return (int) devBlk;
        return dev.read(devBlk * bs, buf, 0, bs);
    }

    /** The sequence number the journal expects next, once recovered. */
    public int nextSequence() {
        return sb.sequence;
    }
}
