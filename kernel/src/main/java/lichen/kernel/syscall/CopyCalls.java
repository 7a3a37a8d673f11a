package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * Copies between two files inside the kernel: sendfile(2) and
 * copy_file_range(2), which cp and tar try first. Data moves through one
 * {@link TransferBuffers} buffer at a time; an offset pointer, when given, is
 * read, used instead of the file's own offset, and written back advanced. A
 * copy that fails after some bytes returns the bytes done, as Linux does.
 */
final class CopyCalls {
    private CopyCalls() {}

    /** sendfile(2): up to {@code count} bytes from {@code inFd} to {@code outFd}. */
    @Async
    static long sysSendfile(Process p, int outFd, int inFd, long offset, long count) {
        OpenFile in = FileCalls.file(p, inFd), out = FileCalls.file(p, outFd);
        if (in == null || out == null || !OpenFlags.canRead(in.flags) || !OpenFlags.canWrite(out.flags)) return -Errno.EBADF;
        if (FileMode.isDir(in.inode.mode)) return -Errno.EINVAL;
        if ((out.flags & OpenFlags.O_APPEND) != 0) return -Errno.EINVAL; // man 2 sendfile: out_fd must not be in append mode
        if (count < 0) return -Errno.EINVAL;
        long[] inPos = {-1}, outPos = {-1};
        long rc = position(p, offset, inPos);
        if (rc < 0) return rc;
        return copy(p, in, offset, inPos[0], out, 0, outPos[0], Math.min(count, FileCalls.MAX_RW_COUNT));
    }

    /**
     * copy_file_range(2): both files regular (EISDIR for a directory, EINVAL
     * otherwise), on one filesystem (EXDEV, as Linux 6.1 answers across
     * superblocks, so that cp falls back), not overlapping within one file, no
     * flags, and the output not in append mode (EBADF).
     */
    @Async
    static long sysCopyFileRange(Process p, int inFd, long inOffset, int outFd, long outOffset, long len, int flags) {
        if (flags != 0) return -Errno.EINVAL;
        OpenFile in = FileCalls.file(p, inFd), out = FileCalls.file(p, outFd);
        if (in == null || out == null || !OpenFlags.canRead(in.flags) || !OpenFlags.canWrite(out.flags)) return -Errno.EBADF;
        if ((out.flags & OpenFlags.O_APPEND) != 0) return -Errno.EBADF;
        if (FileMode.isDir(in.inode.mode) || FileMode.isDir(out.inode.mode)) return -Errno.EISDIR;
        if (!FileMode.isRegular(in.inode.mode) || !FileMode.isRegular(out.inode.mode)) return -Errno.EINVAL;
        if (len < 0) return -Errno.EINVAL;
        long[] inPos = {-1}, outPos = {-1};
        long rc = position(p, inOffset, inPos);
        if (rc == 0) rc = position(p, outOffset, outPos);
        if (rc < 0) return rc;
        len = Math.min(len, FileCalls.MAX_RW_COUNT);
        long from = inPos[0] < 0 ? in.offset : inPos[0], to = outPos[0] < 0 ? out.offset : outPos[0];
        if (in.inode == out.inode && from < to + len && to < from + len) return -Errno.EINVAL;
        if (in.inode.fs != out.inode.fs) return -Errno.EXDEV;
        return copy(p, in, inOffset, inPos[0], out, outOffset, outPos[0], len);
    }

    /** The offset stored at user {@code ptr} into {@code pos[0]} (left -1 when ptr is 0): 0, -EFAULT, or -EINVAL for a negative one. */
    @Async
    private static long position(Process p, long ptr, long[] pos) {
        if (ptr == 0) return 0;
        if (UserCopy.load64(p.mm(), ptr, pos, 0) < 0) return -Errno.EFAULT;
        return pos[0] < 0 ? -Errno.EINVAL : 0;
    }

    /**
     * Up to {@code count} bytes from {@code in} to {@code out}, each at its
     * position (-1: at the file's own offset, which moves), the position then
     * written back advanced to its user pointer. The bytes copied, 0 at end of file.
     */
    @Async
    private static long copy(Process p, OpenFile in, long inOffset, long inPos, OpenFile out, long outOffset, long outPos, long count) {
        byte[] chunk = TransferBuffers.take();
        long done = 0;
        try {
            while (done < count) {
                int want = (int) Math.min(chunk.length, count - done);
                int n = inPos < 0 ? in.read(chunk, 0, want) : in.pread(chunk, 0, want, inPos + done);
                if (n <= 0) {
                    if (n < 0 && done == 0) return n;
                    break;
                }
                int w = outPos < 0 ? out.write(chunk, 0, n) : out.pwrite(chunk, 0, n, outPos + done);
                if (w < 0) {
                    if (done == 0) return w;
                    break;
                }
                done += w;
                if (w < n || n < want) break;
            }
        } finally {
            TransferBuffers.give(chunk);
        }
        if (inPos >= 0 && UserCopy.store64(p.mm(), inOffset, inPos + done) < 0) return -Errno.EFAULT;
        if (outPos >= 0 && UserCopy.store64(p.mm(), outOffset, outPos + done) < 0) return -Errno.EFAULT;
        return done;
    }
}
