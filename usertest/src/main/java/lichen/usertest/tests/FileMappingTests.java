package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.RawMemory;
import lichen.usertest.sys.Signals;

import static lichen.usertest.sys.Mman.PAGE_SIZE;

/**
 * File mappings and the file's data as one (mmap(2), msync(2)): a
 * MAP_SHARED mapping's stores are the file's bytes for read(2), for other
 * mappings and for a forked child, write(2) is seen by the mappings at once,
 * msync(2) writes them back, and a MAP_PRIVATE page once copied keeps its own
 * bytes. Stores and loads are the program's own ({@link RawMemory}), so the
 * faults are taken in user mode.
 */
public final class FileMappingTests {
    private FileMappingTests() {}

    private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;

    public static void register(TestList list) {
        list.add("mmap_shared_store_seen_by_read", FileMappingTests::storeSeenByRead);
        list.add("mmap_shared_sees_write_at_once", FileMappingTests::writeSeenByMapping);
        list.add("mmap_shared_two_mappings_one_file", FileMappingTests::twoMappings);
        list.add("mmap_shared_file_across_fork", FileMappingTests::acrossFork);
        list.add("mprotect_shared_file_writable_then_store", FileMappingTests::mprotectThenStore);
        list.add("msync_then_munmap_reopen_reads_stores", FileMappingTests::msyncThenReopen);
        list.add("mmap_private_copied_page_ignores_later_write", FileMappingTests::privateCopyKept);
        list.add("ftruncate_zeroes_mapped_tail_and_sigbus_past_end", FileMappingTests::truncateMapped);
        list.add("mmap_shared_write_needs_o_rdwr_eacces", FileMappingTests::needsReadWrite);
        list.add("msync_bad_arguments_einval", FileMappingTests::msyncInvalid);
        list.add("msync_unmapped_range_enomem", FileMappingTests::msyncUnmapped);
    }

    /** A file of {@code pages} pages of pattern {@code seed}, opened read-write: the fd, or -1. */
    private static int patternFile(Check c, String path, int pages, int seed) {
        if (!Files.create(c, path, Bytes.pattern(pages * PAGE_SIZE, seed), 0600)) {
            return -1;
        }
        long fd = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDWR | Fcntl.O_CLOEXEC, 0);
        return c.succeeded(fd, "openat") ? (int) fd : -1;
    }

    /** One byte of the file at {@code pos} by pread64, or -1. */
    private static int fileByte(int fd, long pos) {
        byte[] b = new byte[1];
        return Linux.pread64(fd, b, 0, 1, pos) == 1 ? b[0] & 0xff : -1;
    }

    private static void done(int fd, String path) {
        Linux.close(fd);
        Linux.unlinkat(Fcntl.AT_FDCWD, path, 0);
    }

    private static void storeSeenByRead(Check c) {
        String path = c.path("store");
        int fd = patternFile(c, path, 2, 21);
        if (fd < 0) {
            return;
        }
        long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, Mman.MAP_SHARED, fd, 0);
        if (c.succeeded(a, "mmap(MAP_SHARED, PROT_READ|PROT_WRITE)")) {
            byte[] expected = Bytes.pattern(2 * PAGE_SIZE, 21);
            c.equal(expected[PAGE_SIZE + 5] & 0xff, RawMemory.load8(a + PAGE_SIZE + 5), "a load shows the file");
            RawMemory.store8(a + PAGE_SIZE + 5, 0xa5);     // the page is present and clean: the store faults
            RawMemory.store8(a + 9, 0x5a);                 // the page is absent
            c.equal(0xa5, fileByte(fd, PAGE_SIZE + 5), "pread64 sees the store into a page read first");
            c.equal(0x5a, fileByte(fd, 9), "pread64 sees the store into an untouched page");
            byte[] b = new byte[16];
            c.returned(0, Linux.lseek(fd, 0, Fcntl.SEEK_SET), "lseek");
            c.returned(16, Linux.read(fd, b, 0, 16), "read");
            c.equal(0x5a, b[9] & 0xff, "read(2) sees it too");
            c.returned(0, Linux.munmap(a, 2 * PAGE_SIZE), "munmap");
            c.equal(0xa5, fileByte(fd, PAGE_SIZE + 5), "the store outlives the mapping");
        }
        done(fd, path);
    }

    private static void writeSeenByMapping(Check c) {
        String path = c.path("write");
        int fd = patternFile(c, path, 2, 22);
        if (fd < 0) {
            return;
        }
        long a = Linux.mmap(0, 2 * PAGE_SIZE, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0);
        if (c.succeeded(a, "mmap(MAP_SHARED, PROT_READ)")) {
            int before = RawMemory.load8(a + 100);         // the page is present now
            c.equal(Bytes.pattern(2 * PAGE_SIZE, 22)[100] & 0xff, before, "the mapping shows the file");
            c.returned(3, Linux.pwrite64(fd, Bytes.ascii("xyz"), 0, 3, 100), "pwrite64");
            c.equal('x', RawMemory.load8(a + 100), "the present page shows pwrite64 at once");
            c.returned(PAGE_SIZE + 10, Linux.lseek(fd, PAGE_SIZE + 10, Fcntl.SEEK_SET), "lseek");
            c.returned(2, Linux.write(fd, Bytes.ascii("QR"), 0, 2), "write");
            c.equal('R', RawMemory.load8(a + PAGE_SIZE + 11), "the other page shows write(2)");
            c.returned(0, Linux.munmap(a, 2 * PAGE_SIZE), "munmap");
        }
        done(fd, path);
    }

    private static void twoMappings(Check c) {
        String path = c.path("two");
        int fd = patternFile(c, path, 3, 23);
        long other = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDWR | Fcntl.O_CLOEXEC, 0);
        if (fd < 0 || !c.succeeded(other, "a second openat")) {
            return;
        }
        long a = Linux.mmap(0, 3 * PAGE_SIZE, RW, Mman.MAP_SHARED, fd, 0);
        long b = Linux.mmap(0, 2 * PAGE_SIZE, RW, Mman.MAP_SHARED, (int) other, PAGE_SIZE);
        if (c.succeeded(a, "mmap of the whole file") && c.succeeded(b, "mmap of pages 1-2 by the other descriptor")) {
            int seen = RawMemory.load8(b + 7);             // page 1 present in b first
            c.equal(Bytes.pattern(3 * PAGE_SIZE, 23)[PAGE_SIZE + 7] & 0xff, seen, "b shows file page 1");
            RawMemory.store8(a + PAGE_SIZE + 7, 0x11);
            c.equal(0x11, RawMemory.load8(b + 7), "b sees a's store to the page it already had");
            RawMemory.store8(b + PAGE_SIZE + 3, 0x22);
            c.equal(0x22, RawMemory.load8(a + 2 * PAGE_SIZE + 3), "a sees b's store");
            c.returned(0, Linux.munmap(b, 2 * PAGE_SIZE), "munmap b");
            c.equal(0x22, RawMemory.load8(a + 2 * PAGE_SIZE + 3), "a keeps it after b goes");
            c.returned(0, Linux.munmap(a, 3 * PAGE_SIZE), "munmap a");
        }
        Linux.close((int) other);
        done(fd, path);
    }

    private static void acrossFork(Check c) {
        String path = c.path("fork");
        int fd = patternFile(c, path, 2, 24);
        int[] go = Pipes.open(c);
        if (fd < 0 || go == null) {
            return;
        }
        long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, Mman.MAP_SHARED, fd, 0);
        if (c.succeeded(a, "mmap(MAP_SHARED)")) {
            int first = RawMemory.load8(a);                // present, clean, before fork
            RawMemory.store8(a + PAGE_SIZE, 0x31);         // present, dirty, before fork
            long pid = Processes.fork();
            if (pid == 0) {
                RawMemory.store8(a + 1, 0x41);             // into the page the parent only read
                RawMemory.store8(a + PAGE_SIZE + 1, 0x42);
                byte[] wait = new byte[1];
                Linux.read(go[0], wait, 0, 1);             // the parent has stored after fork
                boolean ok = RawMemory.load8(a + 2) == 0x51 && RawMemory.load8(a + PAGE_SIZE) == 0x31;
                Processes.childExit(ok ? 0 : 1);
            }
            Linux.close(go[0]);
            RawMemory.store8(a + 2, 0x51);
            Linux.write(go[1], new byte[] {1}, 0, 1);
            if (c.succeeded(pid, "clone")) {
                c.equal(0, Processes.waitFor(pid), "the child sees the parent's stores, before and after fork (status 1: not)");
                c.equal(0x41, RawMemory.load8(a + 1), "the parent sees the child's store");
                c.equal(0x42, fileByte(fd, PAGE_SIZE + 1), "the file has the child's store");
            }
            c.isTrue(first >= 0, "the first load");
            Linux.munmap(a, 2 * PAGE_SIZE);
        }
        Linux.close(go[1]);
        done(fd, path);
    }

    private static void mprotectThenStore(Check c) {
        String path = c.path("mprotect");
        int fd = patternFile(c, path, 1, 25);
        if (fd < 0) {
            return;
        }
        long a = Linux.mmap(0, PAGE_SIZE, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0);
        if (c.succeeded(a, "mmap(MAP_SHARED, PROT_READ)")) {
            c.equal(Bytes.pattern(PAGE_SIZE, 25)[3] & 0xff, RawMemory.load8(a + 3), "a load");
            c.returned(0, Linux.mprotect(a, PAGE_SIZE, RW), "mprotect(PROT_READ|PROT_WRITE)");
            RawMemory.store8(a + 3, 0x77);
            c.equal(0x77, fileByte(fd, 3), "the file sees the store");
            c.returned(0, Linux.msync(a, PAGE_SIZE, Mman.MS_SYNC), "msync");
            c.returned(0, Linux.munmap(a, PAGE_SIZE), "munmap");
        }
        done(fd, path);
    }

    private static void msyncThenReopen(Check c) {
        String path = c.path("msync");
        int fd = patternFile(c, path, 3, 26);
        if (fd < 0) {
            return;
        }
        long a = Linux.mmap(0, 3 * PAGE_SIZE, RW, Mman.MAP_SHARED, fd, 0);
        if (c.succeeded(a, "mmap(MAP_SHARED)")) {
            RawMemory.store8(a + 10, 0x61);
            RawMemory.store8(a + PAGE_SIZE + 10, 0x62);
            RawMemory.store8(a + 2 * PAGE_SIZE + 10, 0x63);
            c.returned(0, Linux.msync(a, PAGE_SIZE, Mman.MS_SYNC), "msync(MS_SYNC) of page 0");
            c.returned(0, Linux.msync(a + PAGE_SIZE, 1, Mman.MS_ASYNC), "msync(MS_ASYNC) of page 1 (length rounded up)");
            c.returned(0, Linux.msync(a, 3 * PAGE_SIZE, Mman.MS_SYNC | Mman.MS_INVALIDATE), "msync(MS_SYNC|MS_INVALIDATE)");
            c.returned(0, Linux.munmap(a, 3 * PAGE_SIZE), "munmap");
            c.returned(0, Linux.fsync(fd), "fsync");
            Linux.close(fd);
            fd = -1;
            long again = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0);
            if (c.succeeded(again, "openat again")) {
                byte[] b = new byte[3 * PAGE_SIZE];
                c.returned(b.length, Files.readFully((int) again, b, b.length), "read");
                c.equal(0x61, b[10], "page 0's store");
                c.equal(0x62, b[PAGE_SIZE + 10], "page 1's store");
                c.equal(0x63, b[2 * PAGE_SIZE + 10], "page 2's store");
                c.equal(Bytes.pattern(3 * PAGE_SIZE, 26)[11], b[11], "the byte after it is the file's");
                Linux.close((int) again);
            }
        }
        if (fd >= 0) {
            Linux.close(fd);
        }
        Linux.unlinkat(Fcntl.AT_FDCWD, path, 0);
    }

    private static void privateCopyKept(Check c) {
        String path = c.path("private");
        int fd = patternFile(c, path, 2, 27);
        if (fd < 0) {
            return;
        }
        long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, Mman.MAP_PRIVATE, fd, 0);
        if (c.succeeded(a, "mmap(MAP_PRIVATE)")) {
            byte[] expected = Bytes.pattern(2 * PAGE_SIZE, 27);
            RawMemory.store8(a, 0x13);                     // page 0 is this mapping's copy now
            c.equal(expected[PAGE_SIZE] & 0xff, RawMemory.load8(a + PAGE_SIZE), "page 1 read, not copied");
            c.returned(2, Linux.pwrite64(fd, Bytes.ascii("ab"), 0, 2, 0), "pwrite64 into page 0");
            c.returned(2, Linux.pwrite64(fd, Bytes.ascii("cd"), 0, 2, PAGE_SIZE), "pwrite64 into page 1");
            c.equal(0x13, RawMemory.load8(a), "the copied page keeps the private store");
            c.equal(expected[1] & 0xff, RawMemory.load8(a + 1), "and the file's old bytes");
            c.equal('a', fileByte(fd, 0), "the file has the write, not the private store");
            c.equal('c', RawMemory.load8(a + PAGE_SIZE), "a page not copied shows the write (as Linux does)");
            c.returned(0, Linux.munmap(a, 2 * PAGE_SIZE), "munmap");
        }
        done(fd, path);
    }

    private static void truncateMapped(Check c) {
        String path = c.path("truncate");
        int fd = patternFile(c, path, 2, 28);
        if (fd < 0) {
            return;
        }
        long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, Mman.MAP_SHARED, fd, 0);
        if (c.succeeded(a, "mmap(MAP_SHARED)")) {
            RawMemory.store8(a + 100, 0x71);
            c.returned(0, Linux.ftruncate(fd, 10), "ftruncate to 10 bytes");
            c.equal(0, RawMemory.load8(a + 100), "the rest of the last page reads as zeros");
            c.returned(0, Linux.ftruncate(fd, 2 * PAGE_SIZE), "ftruncate back to two pages");
            c.equal(0, fileByte(fd, 100), "the store past the old end is not file data");
            c.equal(0, RawMemory.load8(a + PAGE_SIZE + 5), "the page past the old end reads as zeros");
            c.returned(0, Linux.ftruncate(fd, PAGE_SIZE), "ftruncate to one page");
            long pid = Processes.fork();
            if (pid == 0) {
                Processes.prepareToDie();
                RawMemory.store8(a + PAGE_SIZE + 5, 1);    // past the end of the file: SIGBUS (mmap(2))
                Processes.childExit(3);
            }
            Processes.expectKilledBy(c, pid, Signals.SIGBUS, "a store past the end of the file (exit 3: it did not fault)");
            c.returned(0, Linux.munmap(a, 2 * PAGE_SIZE), "munmap");
        }
        done(fd, path);
    }

    private static void needsReadWrite(Check c) {
        String path = c.path("rdonly");
        if (!Files.create(c, path, Bytes.pattern(PAGE_SIZE, 29), 0600)) {
            return;
        }
        long ro = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0);
        long wo = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_WRONLY | Fcntl.O_CLOEXEC, 0);
        if (c.succeeded(ro, "openat O_RDONLY") && c.succeeded(wo, "openat O_WRONLY")) {
            c.fails(Errno.EACCES, Linux.mmap(0, PAGE_SIZE, RW, Mman.MAP_SHARED, (int) ro, 0), "MAP_SHARED, PROT_WRITE of an O_RDONLY file");
            c.fails(Errno.EACCES, Linux.mmap(0, PAGE_SIZE, Mman.PROT_READ, Mman.MAP_SHARED, (int) wo, 0), "any mapping of an O_WRONLY file");
            long r = Linux.mmap(0, PAGE_SIZE, Mman.PROT_READ, Mman.MAP_SHARED, (int) ro, 0);
            if (c.succeeded(r, "MAP_SHARED, PROT_READ of an O_RDONLY file")) {
                Linux.munmap(r, PAGE_SIZE);
            }
            long p = Linux.mmap(0, PAGE_SIZE, RW, Mman.MAP_PRIVATE, (int) ro, 0);
            if (c.succeeded(p, "MAP_PRIVATE, PROT_WRITE of an O_RDONLY file")) {
                Linux.munmap(p, PAGE_SIZE);
            }
            long mprotect = Linux.mmap(0, PAGE_SIZE, Mman.PROT_READ, Mman.MAP_SHARED, (int) ro, 0);
            if (c.succeeded(mprotect, "another MAP_SHARED, PROT_READ")) {
                c.fails(Errno.EACCES, Linux.mprotect(mprotect, PAGE_SIZE, RW), "mprotect(PROT_WRITE) of it");
                Linux.munmap(mprotect, PAGE_SIZE);
            }
        }
        Linux.close((int) ro);
        Linux.close((int) wo);
        Linux.unlinkat(Fcntl.AT_FDCWD, path, 0);
    }

    private static void msyncInvalid(Check c) {
        long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        if (!c.succeeded(a, "mmap")) {
            return;
        }
        c.fails(Errno.EINVAL, Linux.msync(a + 1, PAGE_SIZE, Mman.MS_SYNC), "an unaligned address");
        c.fails(Errno.EINVAL, Linux.msync(a, PAGE_SIZE, Mman.MS_SYNC | Mman.MS_ASYNC), "MS_SYNC with MS_ASYNC");
        c.fails(Errno.EINVAL, Linux.msync(a, PAGE_SIZE, 8), "an unknown flag");
        c.returned(0, Linux.msync(a, 2 * PAGE_SIZE, Mman.MS_SYNC), "an anonymous mapping: nothing to write");
        c.returned(0, Linux.msync(a, 0, Mman.MS_ASYNC), "length 0");
        Linux.munmap(a, 2 * PAGE_SIZE);
    }

    private static void msyncUnmapped(Check c) {
        long a = Linux.mmap(0, 3 * PAGE_SIZE, RW, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        if (!c.succeeded(a, "mmap")) {
            return;
        }
        c.returned(0, Linux.munmap(a + PAGE_SIZE, PAGE_SIZE), "munmap of the middle page");
        c.fails(Errno.ENOMEM, Linux.msync(a + PAGE_SIZE, PAGE_SIZE, Mman.MS_SYNC), "the unmapped page");
        c.fails(Errno.ENOMEM, Linux.msync(a, 3 * PAGE_SIZE, Mman.MS_SYNC), "a range with a hole (MS_SYNC)");
        c.fails(Errno.ENOMEM, Linux.msync(a, 3 * PAGE_SIZE, Mman.MS_ASYNC), "a range with a hole (MS_ASYNC)");
        Linux.munmap(a, 3 * PAGE_SIZE);
    }
}
