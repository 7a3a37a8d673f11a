package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;

/** Copies inside the kernel: sendfile(2) and copy_file_range(2). */
public final class CopyTests {
    private CopyTests() {}

    public static void register(TestList list) {
        list.add("sendfile_to_a_pipe_at_an_offset_or_the_files_own", CopyTests::sendfileOffsets);
        list.add("sendfile_bad_fd_ebadf_append_einval_bad_offset_efault", CopyTests::sendfileErrors);
        list.add("copy_file_range_copies_and_moves_the_offsets", CopyTests::copyRange);
        list.add("copy_file_range_flags_dir_pipe_overlap_append_errors", CopyTests::copyRangeErrors);
    }

    /** A file named {@code name} in the scratch directory holding {@code data}, open read-write; -1 after a failed check. */
    private static int file(Check c, String name, byte[] data) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, c.path(name), Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644);
        if (!c.succeeded(fd, "create " + name)) {
            return -1;
        }
        if (data.length > 0 && !c.returned(data.length, Linux.write((int) fd, data, 0, data.length), "write " + name)) {
            return -1;
        }
        Linux.lseek((int) fd, 0, 0);
        return (int) fd;
    }

    private static void remove(Check c, int fd, String name) {
        Linux.close(fd);
        Linux.unlinkat(Fcntl.AT_FDCWD, c.path(name), 0);
    }

    private static void sendfileOffsets(Check c) {
        int f = file(c, "src", Bytes.ascii("hello world"));
        int[] p = Pipes.open(c);
        if (f < 0 || p == null) {
            return;
        }
        long[] off = {6};
        c.returned(5, Linux.sendfile(p[1], f, off, 100), "sendfile from offset 6");
        c.equal(11, off[0], "the offset written back");
        c.returned(0, Linux.lseek(f, 0, 1), "the file's own offset stays");
        c.returned(5, Linux.sendfile(p[1], f, null, 5), "sendfile at the file's offset");
        c.returned(5, Linux.lseek(f, 0, 1), "the file's offset moved");
        byte[] b = new byte[16];
        c.returned(10, Linux.read(p[0], b, 0, 16), "read the pipe");
        c.equalBytes(Bytes.ascii("worldhello"), b, 10, "what went through");
        off[0] = 11;
        c.returned(0, Linux.sendfile(p[1], f, off, 100), "sendfile at the end: 0");
        Pipes.close(p);
        remove(c, f, "src");
    }

    private static void sendfileErrors(Check c) {
        int f = file(c, "src", Bytes.ascii("data"));
        int out = file(c, "dst", new byte[0]);
        if (f < 0 || out < 0) {
            return;
        }
        c.fails(Errno.EBADF, Linux.sendfile(out, 999, null, 4), "a closed input");
        c.fails(Errno.EFAULT, Linux.sendfile(out, f, 8, 4), "an offset at a bad address");
        long app = Linux.openat(Fcntl.AT_FDCWD, c.path("dst"), Fcntl.O_WRONLY | Fcntl.O_APPEND, 0);
        if (c.succeeded(app, "open dst O_APPEND")) {
            c.fails(Errno.EINVAL, Linux.sendfile((int) app, f, null, 4), "an output in append mode");
            Linux.close((int) app);
        }
        remove(c, f, "src");
        remove(c, out, "dst");
    }

    private static void copyRange(Check c) {
        byte[] data = Bytes.pattern(100_000, 7);
        int in = file(c, "src", data);
        int out = file(c, "dst", new byte[0]);
        if (in < 0 || out < 0) {
            return;
        }
        c.returned(data.length, Linux.copy_file_range(in, null, out, null, data.length + 50, 0), "copy all (asking for more)");
        c.returned(data.length, Linux.lseek(in, 0, 1), "the input's offset moved");
        c.returned(data.length, Linux.lseek(out, 0, 1), "the output's offset moved");
        c.returned(0, Linux.copy_file_range(in, null, out, null, 10, 0), "at the input's end: 0");
        long[] from = {10}, to = {200_000};
        c.returned(20, Linux.copy_file_range(in, from, out, to, 20, 0), "20 bytes between given offsets");
        c.equal(30, from[0], "the input offset written back");
        c.equal(200_020, to[0], "the output offset written back");
        c.returned(data.length, Linux.lseek(out, 0, 1), "the output's own offset stays");
        byte[] back = new byte[data.length];
        c.returned(data.length, Linux.pread64(out, back, 0, data.length, 0), "read the copy");
        c.equalBytes(data, back, data.length, "the copy's bytes");
        byte[] tail = new byte[20];
        c.returned(20, Linux.pread64(out, tail, 0, 20, 200_000), "read the piece");
        byte[] want = new byte[20];
        System.arraycopy(data, 10, want, 0, 20);
        c.equalBytes(want, tail, 20, "the piece's bytes");
        remove(c, in, "src");
        remove(c, out, "dst");
    }

    private static void copyRangeErrors(Check c) {
        int in = file(c, "src", Bytes.pattern(8192, 3));
        int out = file(c, "dst", new byte[0]);
        int[] p = Pipes.open(c);
        if (in < 0 || out < 0 || p == null) {
            return;
        }
        c.fails(Errno.EINVAL, Linux.copy_file_range(in, null, out, null, 10, 1), "flags 1");
        long dir = Linux.openat(Fcntl.AT_FDCWD, c.scratch(), Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        if (c.succeeded(dir, "open the scratch directory")) {
            c.fails(Errno.EISDIR, Linux.copy_file_range((int) dir, null, out, null, 10, 0), "a directory as the input");
            Linux.close((int) dir);
        }
        c.fails(Errno.EINVAL, Linux.copy_file_range(p[0], null, out, null, 10, 0), "a pipe as the input");
        long[] a = {0}, b = {100};
        c.fails(Errno.EINVAL, Linux.copy_file_range(in, a, in, b, 1000, 0), "overlapping ranges of one file");
        long app = Linux.openat(Fcntl.AT_FDCWD, c.path("dst"), Fcntl.O_WRONLY | Fcntl.O_APPEND, 0);
        if (c.succeeded(app, "open dst O_APPEND")) {
            c.fails(Errno.EBADF, Linux.copy_file_range(in, null, (int) app, null, 10, 0), "an output in append mode");
            Linux.close((int) app);
        }
        c.fails(Errno.EBADF, Linux.copy_file_range(999, null, out, null, 10, 0), "a closed input");
        Pipes.close(p);
        remove(c, in, "src");
        remove(c, out, "dst");
    }
}
