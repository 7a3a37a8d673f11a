package lichen.kernel.selftest;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.fs.vfs.Credentials;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.InodePages;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Vfs;
import lichen.kernel.boot.MemorySetup;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;

/**
 * The page cache of files over the kernel's frames: a store into a cached
 * page of a file on "/" (ext4 on the ramdisk, read-write) is written back by
 * fsync and is in the file when the cache no longer holds the page, and the
 * cache's frame goes back to the buddy allocator when it lets go of it.
 */
@Unsafe
final class PageCacheTests {
    private static final int PAGE = 4096;

    private PageCacheTests() {}

    static void runAll() {
        SelfTest.check("a store into a cached page of a file on / is written back by fsync and read from the disk afterwards; "
                + "the cache's frame is freed when it lets go", () -> {
            Vfs vfs = RootFilesystem.vfs();
            if (vfs == null || vfs.fileCache == null) return "no namespace or no page cache: " + RootFilesystem.described();
            String[] outcome = {"the test's task did not finish"};
            Executor ex = KernelExecutor.create();
            ex.spawn("page-cache-test", () -> outcome[0] = writtenBack(vfs, vfs.newContext(Credentials.ROOT)));
            ex.runUntilIdle();
            return outcome[0];
        });
    }

    @Async
    private static String writtenBack(Vfs vfs, FsContext ctx) {
        String path = "/lichen-page-cache.bin";
        int fd = vfs.openat(ctx, OpenFlags.AT_FDCWD, path, OpenFlags.O_RDWR | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644);
        if (fd < 0) return "create: error " + fd;
        OpenFile f = ctx.fds.get(fd);
        byte[] data = new byte[2 * PAGE];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 13 + 1);
        if (f.write(data, 0, data.length) != data.length) return "write failed";
        InodePages pages = vfs.fileCache.of(f.inode);
        long pa = pages.page(1);
        if (pa < 0) return "page(1): error " + pa;
        if (Mem.load8(pa + 5) != (data[PAGE + 5] & 0xff)) return "the cached page does not hold the file";
        pages.pageWritten(1);
        Mem.store8(pa + 5, 0xa5);                          // as a shared mapping's store
        byte[] one = new byte[1];
        if (f.pread(one, 0, 1, PAGE + 5) != 1 || (one[0] & 0xff) != 0xa5) return "pread does not see the store";
        if (f.inode.read(PAGE + 5, one, 0, 1) != 1 || (one[0] & 0xff) == 0xa5) return "the store reached the disk before write-back";
        int rc = vfs.fsync(f);
        if (rc != 0) return "fsync: error " + rc;
        if (pages.isDirty(1)) return "nothing maps the page: it should be clean after write-back";
        long freeBefore = MemorySetup.frames().freePageCount();
        pages.discard();                                   // the cache lets go of its one page
        long freed = MemorySetup.frames().freePageCount() - freeBefore;
        if (f.inode.read(PAGE + 5, one, 0, 1) != 1 || (one[0] & 0xff) != 0xa5) return "the disk does not have the store";
        if (f.inode.read(PAGE + 6, one, 0, 1) != 1 || one[0] != data[PAGE + 6]) return "write-back changed the next byte";
        ctx.fds.close(fd);
        vfs.unlinkat(ctx, OpenFlags.AT_FDCWD, path, 0);
        return freed == 1 ? null : freed + " frames freed when the cache let go of its one page";
    }
}
