package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.fs.InodeFile;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.mm.FilePages;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;
import lichen.libkernel.mm.Vma;
import lichen.libkernel.mm.VmaSet;

/** The address-space calls (man 2 brk, mmap, munmap, mprotect, madvise, msync). */
final class MemoryCalls {
    static final int PROT_WRITE = 2, PROT_MASK = 7;
    static final int MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_SHARED_VALIDATE = 3, MAP_TYPE = 0xf, MAP_FIXED = 0x10,
            MAP_ANONYMOUS = 0x20, MAP_GROWSDOWN = 0x100, MAP_FIXED_NOREPLACE = 0x100000;
    static final int MADV_DONTNEED = 4;
    static final int MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4;
    static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2, MREMAP_DONTUNMAP = 4;
    private static final long PAGE = UserAddressSpace.PAGE;

    private MemoryCalls() {}

    /** brk(2), the system call: returns the new break, or the old one when the move fails (0 asks). */
    static long sysBrk(Process p, long addr) { return p.mm().moveBrk(addr); }

    /**
     * mmap(2). Checks as Linux does: a zero or overflowing length, an unaligned offset or fixed
     * address, or no mapping type are EINVAL. A file mapping maps the page cache's frames of the
     * file on first touch: a shared one's stores reach the file and every other mapping, a private
     * one's first store to a page copies it.
     */
    static long sysMmap(Process p, long addr, long len, int prot, int flags, int fd, long offset) {
        if (len == 0 || (offset & (PAGE - 1)) != 0) return -Errno.EINVAL;
        long length = (len + PAGE - 1) & -PAGE;
        if (length == 0 || length > VmaSet.USER_END) return -Errno.ENOMEM;
        int type = flags & MAP_TYPE;
        if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) return -Errno.EINVAL;
        if ((prot & ~PROT_MASK) != 0) return -Errno.EINVAL;
        OpenFile file = null;
        if ((flags & MAP_ANONYMOUS) == 0) {
            file = p.files() == null ? null : p.files().fds.get(fd);
            int rc = checkFile(file, type, prot);
            if (rc < 0) return rc;
            if ((file.inode.mode & FileMode.S_IFMT) == FileMode.S_IFCHR) file = null; // /dev/zero: anonymous memory
        }
        UserAddressSpace mm = p.mm();
        boolean fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
        if (fixed && (addr & (PAGE - 1)) != 0) return -Errno.EINVAL;
        long at;
        if (fixed) {
            if (!inUserHalf(addr, length) || addr < UserAddressSpace.MMAP_MIN) return -Errno.EPERM;
            if ((flags & MAP_FIXED_NOREPLACE) != 0 && mm.areas().intersects(addr, addr + length)) return -Errno.EEXIST;
            at = addr;
        } else {
            long hint = addr & -PAGE;
            at = hint >= UserAddressSpace.MMAP_MIN && inUserHalf(hint, length) && !mm.areas().intersects(hint, hint + length)
                    ? hint : mm.areas().findGap(length);
            if (at < 0) return at;
        }
        int vmaFlags = (type == MAP_PRIVATE ? 0 : Vma.SHARED) | ((flags & MAP_GROWSDOWN) != 0 ? Vma.GROWSDOWN : 0);
        Vma area = new Vma(at, at + length, prot, vmaFlags);
        if (file != null) {
            String path = RootFilesystem.vfs().walker.absolute(p.files(), file.path);
            FilePages pages = new FilePages(new InodeFile(file.inode, path), Long.MAX_VALUE, OpenFlags.canWrite(file.flags));
            long dev = file.inode.fs.deviceId;
            area.withFile(pages, FileMode.major(dev), FileMode.minor(dev), file.inode.ino, path, offset >> 12);
        }
        int rc = mm.mapFixed(area);
        return rc < 0 ? rc : at;
    }

    /**
     * Whether {@code f} may be mapped so (man 2 mmap's errors): EBADF for no file, EACCES for one
     * not open for reading or a shared writable mapping of one not open for writing (O_RDWR), ENODEV
     * for what cannot be mapped; 0 for a regular file or a character device.
     */
    private static int checkFile(OpenFile f, int type, int prot) {
        if (f == null) return -Errno.EBADF;
        if (!OpenFlags.canRead(f.flags)) return -Errno.EACCES;
        if (type != MAP_PRIVATE && (prot & PROT_WRITE) != 0 && !OpenFlags.canWrite(f.flags)) return -Errno.EACCES;
        int fmt = f.inode.mode & FileMode.S_IFMT;
        return fmt == FileMode.S_IFREG || fmt == FileMode.S_IFCHR ? 0 : -Errno.ENODEV;
    }

    /**
     * msync(2): the dirty pages of the shared file mappings in [addr, addr + len) are written to
     * their files. MS_SYNC and MS_ASYNC both write at once (MS_ASYNC may, and the RAM disk makes it
     * cheap); MS_INVALIDATE asks nothing more, since every mapping shares the cache's pages. EINVAL
     * for an unaligned addr, an unknown flag, or MS_SYNC with MS_ASYNC; ENOMEM when part of the
     * range is not mapped (the mapped parts are written all the same).
     */
    @Async
    static long sysMsync(Process p, long addr, long len, int flags) {
        if ((addr & (PAGE - 1)) != 0 || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0) return -Errno.EINVAL;
        if ((flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC)) return -Errno.EINVAL;
        long end = addr + ((len + PAGE - 1) & -PAGE);
        if (len < 0 || Long.compareUnsigned(end, addr) < 0) return -Errno.ENOMEM;
        long result = 0;
        for (long at = addr; at < end; ) {
            Vma v = p.mm().areas().findNext(at);
            if (v == null || v.start() >= end) return -Errno.ENOMEM;
            if (v.start() > at) result = -Errno.ENOMEM;
            long from = Math.max(at, v.start()), to = Math.min(end, v.end());
            if (v.isShared() && v.file() instanceof FilePages pages) {
                long first = v.pgoff() + ((from - v.start()) >> 12);
                int rc = pages.file().writeBack(first, first + ((to - from) >> 12));
                if (rc < 0) return rc;
            }
            at = to;
        }
        return result;
    }

    /** mremap(2): MREMAP_MAYMOVE may move it; MREMAP_FIXED and MREMAP_DONTUNMAP are not built (EINVAL). */
    static long sysMremap(Process p, long old, long oldLen, long newLen, int flags, long newAddr) {
        if ((old & (PAGE - 1)) != 0 || newLen == 0 || (flags & ~MREMAP_MAYMOVE) != 0) return -Errno.EINVAL;
        long from = (oldLen + PAGE - 1) & -PAGE, to = (newLen + PAGE - 1) & -PAGE;
        if (to == 0 || to > VmaSet.USER_END || from > VmaSet.USER_END) return -Errno.EINVAL;
        if (from == 0) return -Errno.EINVAL; // duplicating a shared mapping (old_size 0) is not built
        return p.mm().remap(old, from, to, (flags & MREMAP_MAYMOVE) != 0);
    }

    static long sysMunmap(Process p, long addr, long len) {
        if ((addr & (PAGE - 1)) != 0 || len == 0) return -Errno.EINVAL;
        return p.mm().unmap(addr, len);
    }

    /**
     * mprotect(2). EACCES for PROT_WRITE on a shared mapping of a file whose descriptor was not open
     * for writing ("you mmap(2) a file to which you have read-only access, then ask mprotect() to
     * mark it PROT_WRITE").
     */
    static long sysMprotect(Process p, long addr, long len, int prot) {
        if ((addr & (PAGE - 1)) != 0 || (prot & ~PROT_MASK) != 0) return -Errno.EINVAL;
        if ((prot & PROT_WRITE) != 0) {
            long end = addr + ((len + PAGE - 1) & -PAGE);
            for (Vma v = p.mm().areas().findNext(addr); v != null && v.start() < end; v = p.mm().areas().findNext(v.end()))
                if (v.isShared() && v.file() instanceof FilePages pages && !pages.mayWriteShared()) return -Errno.EACCES;
        }
        return p.mm().protect(addr, len, prot);
    }

    /** madvise(2): MADV_DONTNEED drops the pages (anonymous private ones read back as zeros); other advice is accepted and ignored, as advice may be. */
    static long sysMadvise(Process p, long addr, long len, int advice) {
        if ((addr & (PAGE - 1)) != 0 || len < 0 || !knownAdvice(advice)) return -Errno.EINVAL;
        if (advice == MADV_DONTNEED) return p.mm().dropPages(addr, len);
        return 0;
    }

    /** The advice values Linux defines (asm-generic/mman-common.h): 0-4, 8-25, MADV_HWPOISON 100, MADV_SOFT_OFFLINE 101. */
    private static boolean knownAdvice(int advice) {
        return (advice >= 0 && advice <= 4) || (advice >= 8 && advice <= 25) || advice == 100 || advice == 101;
    }

    private static boolean inUserHalf(long addr, long len) {
        return Long.compareUnsigned(addr, VmaSet.USER_END) < 0 && len <= VmaSet.USER_END - addr;
    }
}
