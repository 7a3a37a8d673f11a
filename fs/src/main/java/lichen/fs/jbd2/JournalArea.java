package lichen.fs.jbd2;

import lichen.api.Async;

/**
 * Where a journal's blocks lie on the device. For ext4's internal journal
 * that is the journal inode's block map (s_journal_inum, normally 8); the
 * journal itself knows only its own block numbers 0 .. blocks() - 1.
 */
public interface JournalArea {
    /** How many blocks the journal occupies (the inode's size in blocks). */
    long blocks();

    /** The device block holding journal block {@code n}, or a negative errno (-EUCLEAN for a hole). */
    @Async
    long deviceBlock(long n);
}
