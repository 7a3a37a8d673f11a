package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.Result;
import lichen.fs.jbd2.JournalArea;
import lichen.fs.jbd2.JournalRecovery;

/**
 * Mount-time recovery of ext4's internal journal: when the superblock says
 * needs_recovery (INCOMPAT_RECOVER, set while Linux had the filesystem mounted
 * and never cleared because it did not unmount), the journal's committed
 * transactions are replayed into place (lichen.fs.jbd2), then the flag is
 * cleared, as ext4_load_journal and jbd2_journal_recover do before the
 * filesystem is used. Runs on a read-only instance mounted only to find the
 * journal inode; the caller mounts afresh afterwards, since the replay may
 * have rewritten any metadata, the superblock and descriptors included.
 */
final class JournalReplay {
    private JournalReplay() {}

    /** What the last replay did, for the boot log: "N transactions, M blocks". */
    static String lastReport = "";

    /** The journal inode's blocks, mapped through its extent tree or block map. */
    private static final class JournalInode implements JournalArea {
        private final Ext4Inode inode;
        private final long blocks;
        private final long[] run = new long[1];

        JournalInode(Ext4Inode inode) {
            this.inode = inode;
            this.blocks = inode.size / inode.efs.bs;
        }

        @Override
        public long blocks() {
            return blocks;
        }

        @Override
        @Async
        public long deviceBlock(long n) {
            if (n < 0 || n >= blocks) return -Errno.EUCLEAN;
            long phys = inode.map(n, run);
            if (phys < 0) return phys;
            return phys == 0 || !inode.efs.validBlock(phys) ? -Errno.EUCLEAN : phys;
        }
    }

    /**
     * Replays {@code fs}'s journal (a read-only instance of a filesystem needing recovery) and
     * clears needs_recovery on the device: 0 or a negative errno (-EUCLEAN for a corrupt or
     * missing journal, -EOPNOTSUPP for an external one or unknown journal features,
     * -EFSBADCRC for bad checksums), leaving the flag set on an error.
     */
    @Async
    static int replay(Ext4Fs fs) {
        long ino = fs.sb.journalInode();
        // An external journal (s_journal_uuid set, no inode) lives on another device, which there is no way to name.
        if (ino == 0) return (fs.sb.compat & Features.COMPAT_HAS_JOURNAL) != 0 ? -Errno.EOPNOTSUPP : -Errno.EUCLEAN;
        Result<Ext4Inode> in = fs.inode(ino);
        if (!in.ok()) return in.error;
        Result<JournalRecovery> rec = JournalRecovery.recover(fs.dev, new JournalInode(in.value), fs.bs, fs.sb.blocksCount);
        if (!rec.ok()) return rec.error;
        lastReport = rec.value.transactions + " transactions, " + rec.value.blocksReplayed + " blocks replayed, "
                + rec.value.blocksRevoked + " revoked";
        return clearNeedsRecovery(fs);
    }

    /** Reads the superblock as replayed, clears INCOMPAT_RECOVER and writes it back with its checksum, durably. */
    @Async
    private static int clearNeedsRecovery(Ext4Fs fs) {
        byte[] raw = new byte[Superblock.SIZE];
        int r = fs.dev.read(Superblock.OFFSET, raw, 0, raw.length);
        if (r < 0) return r;
        if (LittleEndian.u16(raw, 0x38) != Superblock.MAGIC) return -Errno.EUCLEAN;
        LittleEndian.put32(raw, 0x60, LittleEndian.i32(raw, 0x60) & ~Features.INCOMPAT_RECOVER);
        if ((LittleEndian.i32(raw, 0x64) & Features.RO_COMPAT_METADATA_CSUM) != 0) {
            LittleEndian.put32(raw, 0x3FC, Crc32c.update(-1, raw, 0, 0x3FC));
        }
        r = fs.dev.write(Superblock.OFFSET, raw, 0, raw.length);
        if (r < 0) return r;
        return fs.dev.flush();
    }
}
