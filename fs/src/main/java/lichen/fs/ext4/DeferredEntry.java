package lichen.fs.ext4;

import lichen.fs.vfs.DirSink;

/**
 * Holds each directory entry back until the next one is found, so that the
 * cookie handed on with an entry is the position of the entry after it. That
 * is the d_off Linux reports: filldir (fs/readdir.c) writes a record's d_off
 * when it emits the following record, from the position ext4 gives that one
 * (its byte offset in a linear directory, its hash in a hashed one), and at
 * the end from where the walk stopped. A seek to that d_off resumes at the
 * entry after the one it came with.
 */
final class DeferredEntry {
    private final DirSink sink;
    private boolean held;
    private long ino;
    private int type;
    private String name;

    DeferredEntry(DirSink sink) {
        this.sink = sink;
    }

    /** The entry at position {@code pos}; false when the sink refused the one held before it (the walk stops). */
    boolean offer(long ino, int type, String name, long pos) {
        if (held && !sink.accept(this.ino, this.type, this.name, pos)) return false;
        held = true;
        this.ino = ino;
        this.type = type;
        this.name = name;
        return true;
    }

    /** The walk ended at {@code end}: the held entry goes out with it. */
    void finish(long end) {
        if (held) sink.accept(ino, type, name, end);
        held = false;
    }
}
