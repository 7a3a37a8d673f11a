package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;

import static lichen.usertest.sys.Fcntl.AT_FDCWD;

/** openat, read, write, pread64, pwrite64, lseek, close: open(2), read(2), write(2), lseek(2), close(2). */
public final class FileTests {
    private FileTests() {}

    public static void register(TestList list) {
        list.add("openat_missing_enoent", FileTests::openMissing);
        list.add("openat_excl_existing_eexist", FileTests::openExclExisting);
        list.add("openat_directory_for_writing_eisdir", FileTests::openDirectoryForWriting);
        list.add("openat_through_file_enotdir", FileTests::openThroughFile);
        list.add("openat_bad_path_pointer_efault", FileTests::openBadPath);
        list.add("write_then_read_back", FileTests::writeThenRead);
        list.add("read_at_end_returns_zero", FileTests::readAtEnd);
        list.add("close_twice_ebadf", FileTests::closeTwice);
        list.add("read_write_bad_fd_ebadf", FileTests::badFd);
        list.add("read_write_wrong_access_mode_ebadf", FileTests::wrongAccessMode);
        list.add("read_into_unmapped_address_efault", FileTests::readBadBuffer);
        list.add("write_from_unmapped_address_efault", FileTests::writeBadBuffer);
        list.add("lseek_bad_whence_einval", FileTests::lseekBadWhence);
        list.add("lseek_end_and_hole_reads_zeros", FileTests::lseekHole);
        list.add("pread64_pwrite64_keep_offset", FileTests::preadKeepsOffset);
        list.add("openat_append_writes_at_end", FileTests::appendWritesAtEnd);
        list.add("openat_trunc_empties_file", FileTests::truncEmpties);
    }

    private static void openMissing(Check c) {
        c.fails(Errno.ENOENT, Linux.openat(AT_FDCWD, c.path("missing"), Fcntl.O_RDONLY, 0), "openat(missing)");
        // A missing directory in the middle of the path is also ENOENT, even with O_CREAT.
        c.fails(Errno.ENOENT, Linux.openat(AT_FDCWD, c.path("nodir/file"), Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644),
                "openat(nodir/file, O_CREAT)");
    }

    private static void openExclExisting(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "x")) {
            return;
        }
        c.fails(Errno.EEXIST, Linux.openat(AT_FDCWD, p, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_EXCL, 0644),
                "openat(existing, O_CREAT|O_EXCL)");
        Files.unlink(c, p);
    }

    private static void openDirectoryForWriting(Check c) {
        c.fails(Errno.EISDIR, Linux.openat(AT_FDCWD, c.scratch(), Fcntl.O_WRONLY, 0), "openat(dir, O_WRONLY)");
        c.fails(Errno.EISDIR, Linux.openat(AT_FDCWD, c.scratch(), Fcntl.O_RDWR, 0), "openat(dir, O_RDWR)");
        long fd = Linux.openat(AT_FDCWD, c.scratch(), Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        if (c.succeeded(fd, "openat(dir, O_RDONLY|O_DIRECTORY)")) {
            byte[] b = new byte[8];
            c.fails(Errno.EISDIR, Linux.read((int) fd, b, 0, 8), "read(directory fd)");
            Linux.close((int) fd);
        }
    }

    private static void openThroughFile(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "x")) {
            return;
        }
        c.fails(Errno.ENOTDIR, Linux.openat(AT_FDCWD, p + "/inner", Fcntl.O_RDONLY, 0), "openat(file/inner)");
        c.fails(Errno.ENOTDIR, Linux.openat(AT_FDCWD, p, Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0),
                "openat(file, O_DIRECTORY)");
        Files.unlink(c, p);
    }

    private static void openBadPath(Check c) {
        c.fails(Errno.EFAULT, Linux.openat(AT_FDCWD, 1L, Fcntl.O_RDONLY, 0), "openat(path=1)");
        c.fails(Errno.EFAULT, Linux.openat(AT_FDCWD, 0xdead0000L, Fcntl.O_RDONLY, 0), "openat(path=0xdead0000)");
    }

    private static void writeThenRead(Check c) {
        String p = c.path("data");
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, 0600);
        if (!c.succeeded(fd, "openat(O_CREAT)")) {
            return;
        }
        byte[] data = Bytes.pattern(10000, 3);
        if (Files.writeFully(c, (int) fd, data)) {
            c.returned(0, Linux.lseek((int) fd, 0, Fcntl.SEEK_SET), "lseek(0, SEEK_SET)");
            byte[] back = new byte[data.length];
            if (c.returned(data.length, Files.readFully((int) fd, back, back.length), "read back")) {
                c.equalBytes(data, back, data.length, "read back");
            }
        }
        c.returned(0, Linux.close((int) fd), "close");
        Files.unlink(c, p);
    }

    private static void readAtEnd(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "abc")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_RDONLY, 0);
        if (c.succeeded(fd, "openat")) {
            byte[] b = new byte[16];
            c.returned(3, Linux.read((int) fd, b, 0, 16), "first read");
            c.returned(0, Linux.read((int) fd, b, 0, 16), "read at end of file");
            c.returned(0, Linux.read((int) fd, b, 0, 0), "read of 0 bytes");
            Linux.close((int) fd);
        }
        Files.unlink(c, p);
    }

    private static void closeTwice(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "abc")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_RDONLY, 0);
        if (c.succeeded(fd, "openat")) {
            c.returned(0, Linux.close((int) fd), "first close");
            c.fails(Errno.EBADF, Linux.close((int) fd), "second close");
            byte[] b = new byte[4];
            c.fails(Errno.EBADF, Linux.read((int) fd, b, 0, 4), "read after close");
        }
        Files.unlink(c, p);
    }

    private static void badFd(Check c) {
        byte[] b = new byte[4];
        c.fails(Errno.EBADF, Linux.read(-1, b, 0, 4), "read(-1)");
        c.fails(Errno.EBADF, Linux.write(-1, b, 0, 4), "write(-1)");
        c.fails(Errno.EBADF, Linux.read(9999, b, 0, 4), "read(9999)");
        c.fails(Errno.EBADF, Linux.close(9999), "close(9999)");
        c.fails(Errno.EBADF, Linux.lseek(9999, 0, Fcntl.SEEK_SET), "lseek(9999)");
    }

    private static void wrongAccessMode(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "abc")) {
            return;
        }
        byte[] b = new byte[4];
        long ro = Linux.openat(AT_FDCWD, p, Fcntl.O_RDONLY, 0);
        if (c.succeeded(ro, "openat(O_RDONLY)")) {
            c.fails(Errno.EBADF, Linux.write((int) ro, b, 0, 4), "write to O_RDONLY fd");
            Linux.close((int) ro);
        }
        long wo = Linux.openat(AT_FDCWD, p, Fcntl.O_WRONLY, 0);
        if (c.succeeded(wo, "openat(O_WRONLY)")) {
            c.fails(Errno.EBADF, Linux.read((int) wo, b, 0, 4), "read from O_WRONLY fd");
            Linux.close((int) wo);
        }
        Files.unlink(c, p);
    }

    private static void readBadBuffer(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "some bytes to copy")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_RDONLY, 0);
        if (c.succeeded(fd, "openat")) {
            c.fails(Errno.EFAULT, Linux.read((int) fd, 1L, 8), "read(buf=1)");
            c.fails(Errno.EFAULT, Linux.read((int) fd, 0xdead0000L, 8), "read(buf=0xdead0000)");
            Linux.close((int) fd);
        }
        Files.unlink(c, p);
    }

    private static void writeBadBuffer(Check c) {
        String p = c.path("f");
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_WRONLY | Fcntl.O_CREAT, 0600);
        if (c.succeeded(fd, "openat")) {
            c.fails(Errno.EFAULT, Linux.write((int) fd, 1L, 8), "write(buf=1)");
            c.fails(Errno.EFAULT, Linux.write((int) fd, 0xdead0000L, 8), "write(buf=0xdead0000)");
            Linux.close((int) fd);
            Files.unlink(c, p);
        }
    }

    private static void lseekBadWhence(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "abc")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_RDONLY, 0);
        if (c.succeeded(fd, "openat")) {
            c.fails(Errno.EINVAL, Linux.lseek((int) fd, 0, 99), "lseek(whence=99)");
            c.fails(Errno.EINVAL, Linux.lseek((int) fd, -10, Fcntl.SEEK_SET), "lseek(-10, SEEK_SET)");
            c.returned(0, Linux.lseek((int) fd, 0, Fcntl.SEEK_CUR), "offset after the failed seeks");
            Linux.close((int) fd);
        }
        Files.unlink(c, p);
    }

    private static void lseekHole(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "abc")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_RDWR, 0);
        if (c.succeeded(fd, "openat")) {
            int f = (int) fd;
            c.returned(3, Linux.lseek(f, 0, Fcntl.SEEK_END), "lseek(0, SEEK_END)");
            c.returned(8003, Linux.lseek(f, 8000, Fcntl.SEEK_CUR), "lseek(8000, SEEK_CUR)");
            byte[] z = Bytes.ascii("Z");
            c.returned(1, Linux.write(f, z, 0, 1), "write past the end");
            c.returned(8004, Linux.lseek(f, 0, Fcntl.SEEK_END), "size after the write");
            byte[] hole = new byte[8000];
            c.returned(8000, Linux.pread64(f, hole, 0, 8000, 3), "pread64 of the hole");
            c.isTrue(Bytes.allZero(hole, 8000), "the hole reads as zeros");
            Linux.close(f);
        }
        Files.unlink(c, p);
    }

    private static void preadKeepsOffset(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "0123456789")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_RDWR, 0);
        if (c.succeeded(fd, "openat")) {
            int f = (int) fd;
            c.returned(2, Linux.lseek(f, 2, Fcntl.SEEK_SET), "lseek(2)");
            byte[] b = new byte[3];
            c.returned(3, Linux.pread64(f, b, 0, 3, 6), "pread64(3 at 6)");
            c.equal("678", new String(new char[] {(char) b[0], (char) b[1], (char) b[2]}), "pread64 data");
            c.returned(2, Linux.lseek(f, 0, Fcntl.SEEK_CUR), "offset after pread64");
            c.returned(2, Linux.pwrite64(f, Bytes.ascii("ab"), 0, 2, 0), "pwrite64(2 at 0)");
            c.returned(2, Linux.lseek(f, 0, Fcntl.SEEK_CUR), "offset after pwrite64");
            c.fails(Errno.EINVAL, Linux.pread64(f, b, 0, 3, -1), "pread64 at offset -1");
            Linux.close(f);
            c.equal("ab23456789", Files.contents(c, p), "contents after pwrite64");
        }
        Files.unlink(c, p);
    }

    private static void appendWritesAtEnd(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "abc")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_WRONLY | Fcntl.O_APPEND, 0);
        if (c.succeeded(fd, "openat(O_APPEND)")) {
            c.returned(0, Linux.lseek((int) fd, 0, Fcntl.SEEK_SET), "lseek(0)");
            c.returned(2, Linux.write((int) fd, Bytes.ascii("de"), 0, 2), "write");
            c.returned(5, Linux.lseek((int) fd, 0, Fcntl.SEEK_CUR), "offset after an append");
            Linux.close((int) fd);
            c.equal("abcde", Files.contents(c, p), "contents");
        }
        Files.unlink(c, p);
    }

    private static void truncEmpties(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "abcdef")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_WRONLY | Fcntl.O_TRUNC, 0);
        if (c.succeeded(fd, "openat(O_TRUNC)")) {
            c.returned(0, Linux.lseek((int) fd, 0, Fcntl.SEEK_END), "size after O_TRUNC");
            Linux.close((int) fd);
        }
        Files.unlink(c, p);
    }
}
