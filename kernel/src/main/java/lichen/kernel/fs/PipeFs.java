package lichen.kernel.fs;

import lichen.fs.vfs.Clock;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.Inode;
import lichen.fs.vfs.Mount;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Vfs;
import lichen.libkernel.async.Executor;
import lichen.libkernel.mm.FrameAllocator;

/**
 * Where pipes' inodes live (Linux's pipefs): a filesystem mounted nowhere, so
 * a pipe has an inode for fstat (a FIFO, mode 0600, owned by root) and an
 * open file for each end, but no name in any directory.
 */
public final class PipeFs extends FileSystem {
    private final Inode root;
    private final Vfs vfs;
    private final Mount mount;
    private long nextIno = 2;

    /** A FIFO inode; a pipe's data is in its {@link Pipe}, not here. */
    private static final class PipeInode extends Inode {
        PipeInode(FileSystem fs, long ino, int mode) {
            super(fs, ino);
            this.mode = mode;
            this.nlink = 1;
            touch(true, true, true);
        }
    }

    PipeFs(Vfs vfs, Clock clock) {
        this.clock = clock;
        this.vfs = vfs;
        this.root = new PipeInode(this, 1, FileMode.S_IFDIR | 0700);
        this.mount = vfs.internalMount(this);
    }

    @Override
    public Inode root() { return root; }

    @Override
    public String type() { return "pipefs"; }

    @Override
    public boolean readOnly() { return false; }

    /**
     * pipe2(2)'s files: [read end, write end], each with {@code statusFlags}
     * (O_NONBLOCK, O_DIRECT) added; null when there is no memory for the buffer.
     */
    public OpenFile[] open(int statusFlags, FrameAllocator frames, Executor executor) {
        Pipe pipe = Pipe.create(frames, executor);
        if (pipe == null) return null;
        long ino = nextIno++;
        Inode inode = new PipeInode(this, ino, FileMode.S_IFIFO | 0600);
        String name = "pipe:[" + ino + "]";
        OpenFile reader = vfs.openUnnamed(mount, inode, name, OpenFlags.O_RDONLY | statusFlags, new PipeEnd(pipe, false));
        OpenFile writer = vfs.openUnnamed(mount, inode, name, OpenFlags.O_WRONLY | statusFlags, new PipeEnd(pipe, true));
        return new OpenFile[] {reader, writer};
    }
}
