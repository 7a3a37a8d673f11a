package lichen.kernel.mm;

import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.fs.vfs.Inode;
import lichen.fs.vfs.PageFrames;
import lichen.libkernel.Errno;

/**
 * The page cache's frames are the buddy allocator's, counted in the same
 * {@link lichen.libkernel.mm.CowTracker} as every user page: the cache is
 * one mapper of each frame it keeps, each address space mapping it another,
 * so a frame the cache drops lives on in the spaces that map it and is freed
 * with the last of them ({@link UserPages#release}). Frames are reached
 * through the kernel's linear map of physical memory.
 */
@Unsafe
public final class CacheFrames implements PageFrames {
    @Override
    public long allocate() {
        long pa = UserPages.frames().allocPages(0);
        if (pa < 0) return -Errno.ENOMEM;
        Mem.zero(pa, PAGE);
        UserPages.mappers().mapNew(pa);
        return pa;
    }

    @Override
    public void release(long pa) {
        if (UserPages.mappers().unmap(pa) == 1) UserPages.frames().freePages(pa, 0);
    }

    @Override
    public boolean mapped(long pa) { return UserPages.mappers().mapCount(pa) > 1; }

    @Override
    public void read(long pa, int at, byte[] dst, int off, int len) { Mem.copyToArray(pa + at, dst, off, len); }

    @Override
    public void write(long pa, int at, byte[] src, int off, int len) { Mem.copyFromArray(src, off, pa + at, len); }

    @Override
    public void zero(long pa, int at, int len) { Mem.zero(pa + at, len); }

    @Override
    public void unmapFile(Inode file, long fromIndex) { UserAddressSpace.unmapFilePages(file, fromIndex); }
}
