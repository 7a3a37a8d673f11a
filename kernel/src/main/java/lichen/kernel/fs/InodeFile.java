package lichen.kernel.fs;

import lichen.api.Async;
import lichen.fs.vfs.FileCache;
import lichen.fs.vfs.Inode;
import lichen.fs.vfs.InodePages;
import lichen.kernel.mm.MappedFile;

/**
 * A file as a mapping sees it: its inode, through the page cache, with no
 * open file description held (mappings outlive the descriptor that made
 * them, as mmap(2) says: "closing the file descriptor does not unmap the
 * region").
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
    public int pread(byte[] buf, int off, int len, long pos) { return InodePages.readFile(inode, pos, buf, off, len); }

    @Override
    @Async
    public long page(long index) {
        FileCache cache = RootFilesystem.vfs() == null ? null : RootFilesystem.vfs().fileCache;
        return cache == null ? NOT_CACHED : cache.of(inode).page(index);
    }

    @Override
    public void pageWritten(long index) {
        if (inode.pages != null) inode.pages.pageWritten(index);
    }

    @Override
    @Async
    public int writeBack(long from, long to) { return inode.pages == null ? 0 : inode.pages.writeBack(from, to); }

    @Override
    public String path() { return path; }

    @Override
    public long inode() { return inode.ino; }

    @Override
    public long device() { return inode.fs.deviceId; }

    @Override
    public Object identity() { return inode; }
}
