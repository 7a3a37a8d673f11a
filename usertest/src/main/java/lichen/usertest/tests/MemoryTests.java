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
import lichen.usertest.sys.Stat;

import static lichen.usertest.sys.Mman.PAGE_SIZE;

/**
 * brk, mmap, munmap and mprotect: brk(2), mmap(2), mprotect(2). Memory is
 * observed through pipes ({@link Pipes#peek}, {@link Pipes#poke}): the
 * kernel copies to and from the address with its own access checks.
 */
public final class MemoryTests {
    private MemoryTests() {}

    private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;
    private static final int ANON = Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS;

    public static void register(TestList list) {
        list.add("brk_grows_zeroed_memory", MemoryTests::brkGrows);
        list.add("brk_shrink_unmaps_pages_efault", MemoryTests::brkShrinkUnmaps);
        list.add("brk_below_start_keeps_break", MemoryTests::brkBelowStart);
        list.add("mmap_anonymous_zeroed_read_write", MemoryTests::anonymous);
        list.add("mmap_bad_arguments_einval_ebadf", MemoryTests::mmapErrors);
        list.add("munmap_then_access_efault", MemoryTests::munmapThenAccess);
        list.add("mprotect_read_only_refuses_stores_efault", MemoryTests::mprotectReadOnly);
        list.add("mmap_file_shared_both_ways", MemoryTests::fileShared);
        list.add("mmap_file_private_copy_on_write", MemoryTests::filePrivate);
        list.add("mmap_fixed_replaces_part_of_mapping", MemoryTests::fixedReplaces);
        list.add("mmap_fixed_noreplace_eexist", MemoryTests::fixedNoReplace);
        list.add("clone_fork_mapping_is_copied", MemoryTests::forkCopiesMapping);
        list.add("proc_self_maps_shows_split_by_mprotect", MemoryTests::procMaps);
        list.add("proc_self_maps_file_line_has_the_files_device_and_inode", MemoryTests::procMapsFileLine);
    }

    private static boolean isPageAligned(long a) {
        return (a & (PAGE_SIZE - 1)) == 0;
    }

    private static void brkGrows(Check c) {
        long start = Linux.brk(0);
        if (!c.isTrue(start > 0, "brk(0) returned " + Errno.describe(start))) {
            return;
        }
        long top = start + 4 * PAGE_SIZE + 100;
        if (!c.returned(top, Linux.brk(top), "brk(start + 4 pages + 100)")) {
            return;
        }
        byte[] zeros = Pipes.peek(c, start, 4 * PAGE_SIZE + 100);
        c.isTrue(zeros != null && Bytes.allZero(zeros, zeros.length), "new heap memory reads as zeros");
        byte[] data = Bytes.pattern(4 * PAGE_SIZE, 1);
        c.returned(data.length, Pipes.poke(c, start + 100, data), "store into the heap");
        byte[] back = Pipes.peek(c, start + 100, data.length);
        if (back != null) {
            c.equalBytes(data, back, data.length, "heap contents");
        }
        c.returned(start, Linux.brk(start), "shrink back to the start");
        // Memory given back and taken again is zeroed afresh.
        c.returned(top, Linux.brk(top), "grow again");
        byte[] again = Pipes.peek(c, start + 100, data.length);
        c.isTrue(again != null && Bytes.allZero(again, again.length), "regrown heap reads as zeros");
        c.returned(start, Linux.brk(start), "shrink back at the end");
    }

    private static void brkShrinkUnmaps(Check c) {
        long start = Linux.brk(0);
        long pageUp = (start + PAGE_SIZE - 1) & -PAGE_SIZE;
        long top = pageUp + 2 * PAGE_SIZE;
        if (!c.returned(top, Linux.brk(top), "brk(grow by two pages)")) {
            return;
        }
        c.returned(PAGE_SIZE, Pipes.poke(c, pageUp + PAGE_SIZE, Bytes.pattern(PAGE_SIZE, 2)), "store into the new page");
        c.returned(start, Linux.brk(start), "shrink back to the start");
        int[] p = Pipes.open(c);
        if (p != null) {
            c.fails(Errno.EFAULT, Linux.write(p[1], pageUp + PAGE_SIZE, 16), "write(2) from a page brk gave back");
            Pipes.close(p);
        }
    }

    private static void brkBelowStart(Check c) {
        long start = Linux.brk(0);
        c.returned(start, Linux.brk(1), "brk(1) refuses and returns the current break");
        c.returned(start, Linux.brk(0), "the break did not move");
    }

    private static void anonymous(Check c) {
        long a = Linux.mmap(0, 3 * PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap(anonymous, 3 pages)")) {
            return;
        }
        c.isTrue(isPageAligned(a), "mmap's address is page-aligned: 0x" + Long.toHexString(a));
        byte[] zeros = Pipes.peek(c, a, 3 * PAGE_SIZE);
        c.isTrue(zeros != null && Bytes.allZero(zeros, zeros.length), "anonymous memory reads as zeros");
        byte[] data = Bytes.pattern(2 * PAGE_SIZE, 4);
        c.returned(data.length, Pipes.poke(c, a + PAGE_SIZE / 2, data), "store across page boundaries");
        byte[] back = Pipes.peek(c, a + PAGE_SIZE / 2, data.length);
        if (back != null) {
            c.equalBytes(data, back, data.length, "stored bytes");
        }
        c.returned(0, Linux.munmap(a, 3 * PAGE_SIZE), "munmap");
    }

    private static void mmapErrors(Check c) {
        c.fails(Errno.EINVAL, Linux.mmap(0, 0, RW, ANON, -1, 0), "mmap(length 0)");
        c.fails(Errno.EINVAL, Linux.mmap(0, PAGE_SIZE, RW, Mman.MAP_ANONYMOUS, -1, 0),
                "mmap without MAP_SHARED or MAP_PRIVATE");
        c.fails(Errno.EBADF, Linux.mmap(0, PAGE_SIZE, RW, Mman.MAP_PRIVATE, -1, 0), "mmap(file, fd -1)");
        c.fails(Errno.EINVAL, Linux.mmap(0x10001, PAGE_SIZE, RW, ANON | Mman.MAP_FIXED, -1, 0),
                "mmap(MAP_FIXED at an unaligned address)");
        if (Files.create(c, c.path("f"), Bytes.pattern(PAGE_SIZE, 2), 0644)) {
            long fd = Linux.openat(Fcntl.AT_FDCWD, c.path("f"), Fcntl.O_RDONLY, 0);
            if (c.succeeded(fd, "openat")) {
                c.fails(Errno.EINVAL, Linux.mmap(0, PAGE_SIZE, Mman.PROT_READ, Mman.MAP_PRIVATE, (int) fd, 1),
                        "mmap(offset 1)");
                c.fails(Errno.EACCES, Linux.mmap(0, PAGE_SIZE, RW, Mman.MAP_SHARED, (int) fd, 0),
                        "mmap(MAP_SHARED, PROT_WRITE) of an O_RDONLY fd");
                Linux.close((int) fd);
            }
            Files.unlink(c, c.path("f"));
        }
    }

    private static void munmapThenAccess(Check c) {
        long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap")) {
            return;
        }
        c.fails(Errno.EINVAL, Linux.munmap(a + 1, PAGE_SIZE), "munmap(unaligned address)");
        c.fails(Errno.EINVAL, Linux.munmap(a, 0), "munmap(length 0)");
        c.returned(0, Linux.munmap(a + PAGE_SIZE, PAGE_SIZE), "munmap of the second page");
        c.returned(PAGE_SIZE, Linux.write(nullSink(c), a, PAGE_SIZE), "the first page is still mapped");
        int[] p = Pipes.open(c);
        if (p != null) {
            c.fails(Errno.EFAULT, Linux.write(p[1], a + PAGE_SIZE, 16), "write from the unmapped page");
            // Linux waits for data before it touches the buffer, so the pipe must hold some for the read to fault.
            c.returned(16, Linux.write(p[1], new byte[16], 0, 16), "write 16 bytes into the pipe");
            c.fails(Errno.EFAULT, Linux.read(p[0], a + PAGE_SIZE, 16), "read into the unmapped page");
            Pipes.close(p);
        }
        c.returned(0, Linux.munmap(a, PAGE_SIZE), "munmap of the first page");
        c.returned(0, Linux.munmap(a, 2 * PAGE_SIZE), "munmap of a range with nothing mapped");
    }

    /** /dev/null opened for writing (closed by the test's exit), or -1. */
    private static int nullSink(Check c) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, "/dev/null", Fcntl.O_WRONLY | Fcntl.O_CLOEXEC, 0);
        return c.succeeded(fd, "openat(/dev/null)") ? (int) fd : -1;
    }

    private static void mprotectReadOnly(Check c) {
        long a = Linux.mmap(0, PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap")) {
            return;
        }
        byte[] data = Bytes.pattern(64, 8);
        c.returned(64, Pipes.poke(c, a, data), "store while writable");
        c.returned(0, Linux.mprotect(a, PAGE_SIZE, Mman.PROT_READ), "mprotect(PROT_READ)");
        c.fails(Errno.EFAULT, Pipes.poke(c, a, data), "read(2) into a read-only page");
        byte[] back = Pipes.peek(c, a, 64);
        if (back != null) {
            c.equalBytes(data, back, 64, "a read-only page still reads");
        }
        c.returned(0, Linux.mprotect(a, PAGE_SIZE, Mman.PROT_NONE), "mprotect(PROT_NONE)");
        int[] p = Pipes.open(c);
        if (p != null) {
            c.fails(Errno.EFAULT, Linux.write(p[1], a, 16), "write(2) from a PROT_NONE page");
            Pipes.close(p);
        }
        c.returned(0, Linux.mprotect(a, PAGE_SIZE, RW), "mprotect back to read-write");
        c.returned(64, Pipes.poke(c, a, data), "store after mprotect(RW)");
        c.fails(Errno.EINVAL, Linux.mprotect(a + 1, PAGE_SIZE, Mman.PROT_READ), "mprotect(unaligned)");
        c.returned(0, Linux.munmap(a, PAGE_SIZE), "munmap");
    }

    /** A file of two pages of pattern {@code seed}, opened read-write; the fd, or -1. */
    private static int twoPageFile(Check c, String path, int seed) {
        if (!Files.create(c, path, Bytes.pattern(2 * PAGE_SIZE, seed), 0600)) {
            return -1;
        }
        long fd = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDWR | Fcntl.O_CLOEXEC, 0);
        return c.succeeded(fd, "openat") ? (int) fd : -1;
    }

    private static void fileShared(Check c) {
        String path = c.path("shared");
        int fd = twoPageFile(c, path, 6);
        if (fd >= 0) {
            long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, Mman.MAP_SHARED, fd, 0);
            if (c.succeeded(a, "mmap(MAP_SHARED)")) {
                byte[] seen = Pipes.peek(c, a, 2 * PAGE_SIZE);
                if (seen != null) {
                    c.equalBytes(Bytes.pattern(2 * PAGE_SIZE, 6), seen, seen.length, "the mapping shows the file");
                }
                c.returned(5, Linux.pwrite64(fd, Bytes.ascii("HELLO"), 0, 5, PAGE_SIZE + 10), "pwrite64 into the file");
                byte[] w = Pipes.peek(c, a + PAGE_SIZE + 10, 5);
                if (w != null) {
                    c.equalBytes(Bytes.ascii("HELLO"), w, 5, "the mapping sees pwrite64");
                }
                c.returned(5, Pipes.poke(c, a + 20, Bytes.ascii("WORLD")), "store into the mapping");
                byte[] f = new byte[5];
                c.returned(5, Linux.pread64(fd, f, 0, 5, 20), "pread64");
                c.equalBytes(Bytes.ascii("WORLD"), f, 5, "the file sees the store");
                c.returned(0, Linux.munmap(a, 2 * PAGE_SIZE), "munmap");
            }
            Linux.close(fd);
        }
        Linux.unlinkat(Fcntl.AT_FDCWD, path, 0);
    }

    private static void filePrivate(Check c) {
        String path = c.path("private");
        int fd = twoPageFile(c, path, 7);
        if (fd >= 0) {
            long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, Mman.MAP_PRIVATE, fd, PAGE_SIZE);
            if (c.succeeded(a, "mmap(MAP_PRIVATE, offset 1 page)")) {
                byte[] seen = Pipes.peek(c, a, 16);
                byte[] expected = Bytes.pattern(2 * PAGE_SIZE, 7);
                if (seen != null) {
                    for (int i = 0; i < 16; i++) {
                        c.equal(expected[PAGE_SIZE + i], seen[i], "byte " + i + " of the mapping at file offset 4096");
                    }
                }
                c.returned(5, Pipes.poke(c, a, Bytes.ascii("LOCAL")), "store into the private mapping");
                byte[] f = new byte[5];
                c.returned(5, Linux.pread64(fd, f, 0, 5, PAGE_SIZE), "pread64");
                for (int i = 0; i < 5; i++) {
                    c.equal(expected[PAGE_SIZE + i], f[i], "file byte " + i + " after a private store");
                }
                // The second page of the mapping lies past the end of the file: the kernel cannot read it.
                int[] p = Pipes.open(c);
                if (p != null) {
                    c.fails(Errno.EFAULT, Linux.write(p[1], a + PAGE_SIZE, 16), "write(2) from beyond the file's end");
                    Pipes.close(p);
                }
                c.returned(0, Linux.munmap(a, 2 * PAGE_SIZE), "munmap");
            }
            Linux.close(fd);
        }
        Linux.unlinkat(Fcntl.AT_FDCWD, path, 0);
    }

    private static void fixedReplaces(Check c) {
        long a = Linux.mmap(0, 3 * PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap")) {
            return;
        }
        byte[] data = Bytes.pattern(3 * PAGE_SIZE, 3);
        c.returned(data.length, Pipes.poke(c, a, data), "fill three pages");
        long m = Linux.mmap(a + PAGE_SIZE, PAGE_SIZE, RW, ANON | Mman.MAP_FIXED, -1, 0);
        c.returned(a + PAGE_SIZE, m, "mmap(MAP_FIXED) at the middle page");
        byte[] all = Pipes.peek(c, a, 3 * PAGE_SIZE);
        if (all != null) {
            c.equalBytes(data, all, PAGE_SIZE, "the first page is untouched");
            byte[] middle = java.util.Arrays.copyOfRange(all, PAGE_SIZE, 2 * PAGE_SIZE);
            c.isTrue(Bytes.allZero(middle, PAGE_SIZE), "the replaced page is fresh zeros");
            for (int i = 2 * PAGE_SIZE; i < 3 * PAGE_SIZE; i++) {
                if (all[i] != data[i]) {
                    c.fail("the third page changed at byte " + i);
                    break;
                }
            }
        }
        c.returned(0, Linux.munmap(a, 3 * PAGE_SIZE), "munmap");
    }

    private static void fixedNoReplace(Check c) {
        long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap")) {
            return;
        }
        long r = Linux.mmap(a + PAGE_SIZE, PAGE_SIZE, RW, ANON | Mman.MAP_FIXED_NOREPLACE, -1, 0);
        c.fails(Errno.EEXIST, r, "MAP_FIXED_NOREPLACE over a mapping (Linux 4.17 and later)");
        if (r > 0 && r != a + PAGE_SIZE) {
            Linux.munmap(r, PAGE_SIZE);                    // taken as a hint, as kernels before 4.17 did
        }
        c.returned(0, Linux.munmap(a, 2 * PAGE_SIZE), "munmap");
    }

    private static void forkCopiesMapping(Check c) {
        long a = Linux.mmap(0, PAGE_SIZE, RW, ANON, -1, 0);
        int[] go = Pipes.open(c);
        if (!c.succeeded(a, "mmap") || go == null) {
            return;
        }
        byte[] before = Bytes.pattern(PAGE_SIZE, 1);
        c.returned(PAGE_SIZE, Pipes.poke(c, a, before), "fill the page");
        long pid = Processes.fork();
        if (pid == 0) {
            byte[] b = new byte[1];
            Linux.read(go[0], b, 0, 1);                    // the parent has stored into its copy by now
            Check mine = new Check("");
            byte[] seen = Pipes.peek(mine, a, PAGE_SIZE);
            boolean same = seen != null && java.util.Arrays.equals(before, seen);
            Processes.childExit(same ? 0 : 1);
        }
        c.returned(PAGE_SIZE, Pipes.poke(c, a, Bytes.pattern(PAGE_SIZE, 2)), "the parent's store after fork");
        Linux.write(go[1], new byte[] {1}, 0, 1);
        Pipes.close(go);
        if (c.succeeded(pid, "clone")) {
            c.equal(0, Processes.waitFor(pid), "the child still sees the page as it was at fork (status 1: it changed)");
        }
        Linux.munmap(a, PAGE_SIZE);
    }

    /** The line of /proc/self/maps for [start, end), or null: "start-end perms offset dev inode path" (proc(5)). */
    private static String mapsLine(Check c, long start, long end) {
        String maps = Files.contents(c, "/proc/self/maps", 65536);
        if (maps == null) {
            return null;
        }
        String all = "\n" + maps;
        int at = all.indexOf("\n" + hex8(start) + "-" + hex8(end) + " ");
        if (at < 0) {
            return null;
        }
        int eol = all.indexOf('\n', at + 1);
        return all.substring(at + 1, eol < 0 ? all.length() : eol);
    }

    /** The first five space-separated fields of {@code line} ("" for those missing). */
    private static String[] fields(String line) {
        String[] f = {"", "", "", "", ""};
        int n = 0;
        int i = 0;
        while (n < f.length && i < line.length()) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            int from = i;
            while (i < line.length() && line.charAt(i) != ' ') {
                i++;
            }
            if (i > from) {
                f[n++] = line.substring(from, i);
            }
        }
        return f;
    }

    /** proc(5) prints addresses as at least eight lower-case hex digits. */
    private static String hex8(long v) {
        String h = Long.toHexString(v);
        return h.length() >= 8 ? h : "0".repeat(8 - h.length()) + h;
    }

    /**
     * proc(5) /proc/PID/maps: one line per mapping. mprotect of the middle of
     * three anonymous private pages splits the mapping in three, and the
     * lines show each part's permissions, "p" for private, offset 0 and no file.
     */
    private static void procMaps(Check c) {
        // PROT_NONE pages on both sides: Linux merges an anonymous area with a like neighbour, which would
        // widen the first and last lines (whether there is one depends on the program's own layout).
        long guard = Linux.mmap(0, 5 * PAGE_SIZE, Mman.PROT_NONE, ANON, -1, 0);
        if (!c.succeeded(guard, "mmap(5 pages, PROT_NONE)")) {
            return;
        }
        long a = Linux.mmap(guard + PAGE_SIZE, 3 * PAGE_SIZE, RW, ANON | Mman.MAP_FIXED, -1, 0);
        if (!c.returned(guard + PAGE_SIZE, a, "mmap(3 pages, MAP_FIXED) between the guards")) {
            Linux.munmap(guard, 5 * PAGE_SIZE);
            return;
        }
        c.returned(0, Linux.mprotect(a + PAGE_SIZE, PAGE_SIZE, Mman.PROT_READ), "mprotect(middle page, PROT_READ)");
        String[] perms = {"rw-p", "r--p", "rw-p"};
        for (int i = 0; i < 3 && c.passed(); i++) {
            long start = a + (long) i * PAGE_SIZE;
            String line = mapsLine(c, start, start + PAGE_SIZE);
            if (c.isTrue(line != null, "no line " + hex8(start) + "-" + hex8(start + PAGE_SIZE) + " in /proc/self/maps")) {
                String[] f = fields(line);
                c.equal(perms[i], f[1], "permissions of page " + i + " (" + line + ")");
                c.equal("00000000", f[2], "offset of page " + i);
                c.equal("00:00", f[3], "device of page " + i);
                c.equal("0", f[4], "inode of page " + i);
            }
        }
        c.returned(0, Linux.munmap(a, 3 * PAGE_SIZE), "munmap");
        c.isTrue(mapsLine(c, a, a + PAGE_SIZE) == null, "the first page's line is gone after munmap");
        Linux.munmap(guard, 5 * PAGE_SIZE);
    }

    /** The program's own first line in /proc/self/maps names the device and inode stat(2) gives /proc/self/exe. */
    private static void procMapsFileLine(Check c) {
        String maps = Files.contents(c, "/proc/self/maps", 65536);
        byte[] st = new byte[Stat.SIZE];
        if (maps == null || !c.returned(0, Linux.newfstatat(Fcntl.AT_FDCWD, "/proc/self/exe", st, 0), "stat /proc/self/exe")) {
            return;
        }
        Stat s = Stat.decode(st);
        int eol = maps.indexOf('\n');
        String[] f = fields(eol < 0 ? maps : maps.substring(0, eol));
        long major = ((s.dev() >>> 8) & 0xfff) | ((s.dev() >>> 32) & ~0xfffL);
        long minor = (s.dev() & 0xff) | ((s.dev() >>> 12) & ~0xffL);
        c.equal(hex2(major) + ":" + hex2(minor), f[3], "MAJOR:MINOR of the first line, from st_dev " + s.dev());
        c.equal(Long.toString(s.ino()), f[4], "the inode of the first line");
    }

    /** At least two lower-case hex digits, as show_map_vma prints device numbers. */
    private static String hex2(long v) {
        String h = Long.toHexString(v);
        return h.length() < 2 ? "0" + h : h;
    }
}
