package lichen.fs.vfs;

import lichen.fs.Result;

/**
 * The kernel's named pipes (fifo(7)): opening a FIFO's inode joins the pipe
 * the inode has while any end of it is open, or makes it. fs knows names
 * and inodes, the kernel knows pipes, so the VFS asks through this.
 */
public interface FifoOpener {
    /**
     * The driver for a new open of {@code fifo} with {@code flags}: a read
     * end, a write end, or both for O_RDWR; -ENXIO for O_WRONLY|O_NONBLOCK
     * while no reader has it open, -ENOMEM when no pipe can be made.
     */
    Result<CharDevice> open(Inode fifo, int flags);
}
