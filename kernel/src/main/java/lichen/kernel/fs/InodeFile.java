package lichen.kernel.fs;

import lichen.api.Async;
import lichen.fs.vfs.Inode;
import lichen.kernel.mm.MappedFile;

/**
 * A file as a mapping sees it: its inode, read directly, with no open file
 * description held (mappings outlive the descriptor that made them, as
 * mmap(2) says: "closing the file descriptor does not unmap the region").
 */
public final class InodeFile implements MappedFile {
    private final Inode inode;
    private final String path;

    public InodeFile(Inode inode, String path) {
        this.inode = inode;
        this.path = path;
    }

    @Override
    public long size() { return inode.size; }

    @Override
    @Async
    public int pread(byte[] buf, int off, int len, long pos) { return inode.read(pos, buf, off, len); }

    @Override
    public String path() { return path; }

    @Override
    public long inode() { return inode.ino; }

    @Override
    public Object identity() { return inode; }

    /** The modification time in nanoseconds, mixed with the size: every write(2) and truncate(2) moves one of them. */
    @Override
    public long version() { return (inode.mtimeSec * 1_000_000_000L + inode.mtimeNsec) * 31 + inode.size; }
}
