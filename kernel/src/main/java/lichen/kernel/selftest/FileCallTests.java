package lichen.kernel.selftest;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.fs.LittleEndian;
import lichen.fs.Result;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Stat;
import lichen.fs.vfs.Vfs;
import lichen.kernel.tty.Console;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.mm.PageSource;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.Vma;

/**
 * The file system calls from EL0: a program makes them with SVC as a Linux
 * program would, keeps every result (x0) and the buffers the kernel filled in
 * a scratch area on its stack, and writes that area to /tmp/el0-results with
 * the same calls before it exits; the kernel side then reads the file and
 * checks each answer against the man pages.
 */
@Unsafe
final class FileCallTests {
    private static final long CODE = 0x400000, STACK_TOP = 0x800000;
    /** Where the program keeps what it saw: a result a call from offset 0 (47 of them), the buffers from 384. */
    private static final int READ = 384, PREAD = 448, STAT = 512, CWD = 640, TERMIOS = 768, WINSIZE = 832,
            DIRENTS = 1024, NULL_STAT = 1536, PIPE_FDS = 1664, PIPE_READ = 1672, SAVED = 1680;
    private static final int X0 = 0, X1 = 1, X2 = 2, X3 = 3, X19 = 19, X20 = 20, X21 = 21, X22 = 22, X23 = 23, SP = 31;
    /** arm64 system-call numbers (asm-generic/unistd.h). */
    private static final int GETCWD = 17, DUP = 23, FCNTL = 25, IOCTL = 29, MKDIRAT = 34, UNLINKAT = 35, FACCESSAT = 48,
            CHDIR = 49, OPENAT = 56, CLOSE = 57, GETDENTS64 = 61, LSEEK = 62, READ_NR = 63, WRITE = 64, PIPE2 = 59, PREAD64 = 67,
            NEWFSTATAT = 79, FSTAT = 80, EXIT_GROUP = 94, CLOSE_RANGE = 436, UMOUNT2 = 39, MOUNT = 40, SETXATTR = 5, LGETXATTR = 9;
    private static final String GREETING = "el0: hello through /dev/console\n";

    private FileCallTests() {}

    static void runAll() {
        SelfTest.check("a program at EL0 opens, reads, stats, seeks, dups, closes, makes and removes a directory, "
                + "lists one, asks the console's ioctls, uses a pipe, mounts a tmpfs and asks for xattrs through system calls", FileCallTests::programMakesFileCalls);
    }

    private static int next;

    /** Stores x0 at the next result slot and returns the slot's number. */
    private static int save(A64Program a) {
        a.str(X0, X21, 8 * next);
        return next++;
    }

    private static A64Program program() {
        next = 0;
        A64Program a = new A64Program();
        a.sub(X21, SP, 4000);
        a.movn(X0, 99).adr(X1, "/etc/os-release").movz(X2, 0).movz(X3, 0).svc(OPENAT); save(a);    // 0: fd 3
        a.mov(X19, X0);
        a.mov(X0, X19).add(X1, X21, READ).movz(X2, 64).svc(READ_NR); save(a);                        // 1: 64
        a.mov(X0, X19).add(X1, X21, STAT).svc(FSTAT); save(a);                                      // 2: 0
        a.mov(X0, X19).movz(X1, 0).movz(X2, 1).svc(LSEEK); save(a);                                 // 3: 64 (SEEK_CUR)
        a.mov(X0, X19).add(X1, X21, PREAD).movz(X2, 16).movz(X3, 0).svc(PREAD64); save(a);          // 4: 16
        a.mov(X0, X19).svc(DUP); save(a);                                                           // 5: 4
        a.mov(X20, X0);
        a.mov(X0, X19).movz(X1, 1).svc(FCNTL); save(a);                                             // 6: F_GETFD 0
        a.mov(X0, X20).svc(CLOSE); save(a);                                                         // 7: 0
        a.mov(X0, X19).svc(CLOSE); save(a);                                                         // 8: 0
        a.mov(X0, X19).svc(CLOSE); save(a);                                                         // 9: -EBADF
        a.movn(X0, 99).adr(X1, "/nonexistent").movz(X2, 0).svc(OPENAT); save(a);                    // 10: -ENOENT
        a.movn(X0, 99).adr(X1, "/tmp/el0dir").movz(X2, 0755).svc(MKDIRAT); save(a);                 // 11: 0
        a.adr(X0, "/tmp/el0dir").svc(CHDIR); save(a);                                               // 12: 0
        a.add(X0, X21, CWD).movz(X1, 128).svc(GETCWD); save(a);                                     // 13: 12
        a.movz(X0, 1).movz(X1, 0x5401).add(X2, X21, TERMIOS).svc(IOCTL); save(a);                   // 14: TCGETS 0
        a.movz(X0, 0).movz(X1, 0x5413).add(X2, X21, WINSIZE).svc(IOCTL); save(a);                   // 15: TIOCGWINSZ 0
        a.movn(X0, 99).adr(X1, "/etc/passwd").movz(X2, 4).svc(FACCESSAT); save(a);                  // 16: R_OK 0
        a.movz(X0, 1).adr(X1, GREETING).movz(X2, GREETING.length()).svc(WRITE); save(a);            // 17: 32
        a.movn(X0, 99).adr(X1, "/etc").movz(X2, OpenFlags.O_DIRECTORY).svc(OPENAT); save(a);        // 18: 3
        a.mov(X19, X0);
        a.mov(X0, X19).add(X1, X21, DIRENTS).movz(X2, 512).svc(GETDENTS64); save(a);                // 19: > 0
        a.mov(X0, X19).movz(X1, 0x5401).add(X2, X21, TERMIOS).svc(IOCTL); save(a);                  // 20: -ENOTTY
        a.mov(X0, X19).svc(CLOSE); save(a);                                                         // 21: 0
        a.movn(X0, 99).adr(X1, "/dev/null").add(X2, X21, NULL_STAT).movz(X3, 0).svc(NEWFSTATAT); save(a); // 22: 0
        a.adr(X0, "/").svc(CHDIR); save(a);                                                         // 23: 0
        a.movn(X0, 99).adr(X1, "/tmp/el0dir").movz(X2, OpenFlags.AT_REMOVEDIR).svc(UNLINKAT); save(a); // 24: 0
        a.add(X0, X21, PIPE_FDS).movz(X1, 0).svc(PIPE2); save(a);                                  // 26: 0
        a.ldrw(X22, X21, PIPE_FDS).ldrw(X23, X21, PIPE_FDS + 4);
        a.mov(X0, X23).adr(X1, "ping").movz(X2, 4).svc(WRITE); save(a);                             // 27: 4
        a.mov(X0, X22).add(X1, X21, PIPE_READ).movz(X2, 8).svc(READ_NR); save(a);                   // 28: 4
        a.mov(X0, X23).svc(CLOSE); save(a);                                                         // 29: 0
        a.mov(X0, X22).add(X1, X21, PIPE_READ + 4).movz(X2, 4).svc(READ_NR); save(a);               // 30: 0 (EOF)
        a.mov(X0, X22).movz(X1, 0).movz(X2, 0).svc(LSEEK); save(a);                                 // 31: -ESPIPE
        a.mov(X0, X22).svc(CLOSE); save(a);                                                         // 32: 0
        a.movz(X0, 0).svc(DUP); save(a);                                                            // 33: 3
        a.movz(X0, 0).svc(DUP); save(a);                                                            // 34: 4
        a.movz(X0, 3).movn(X1, 0).movz(X2, 0).svc(CLOSE_RANGE); save(a);                            // 35: 0 (3..~0U)
        a.movz(X0, 4).movz(X1, 1).svc(FCNTL); save(a);                                              // 36: -EBADF
        a.movn(X0, 99).adr(X1, "/tmp/m").movz(X2, 0755).svc(MKDIRAT); save(a);                      // 37: 0
        a.adr(X0, "none").adr(X1, "/tmp/m").adr(X2, "tmpfs").movz(X3, 0).movz(4, 0).svc(MOUNT); save(a); // 38: 0
        a.movn(X0, 99).adr(X1, "/tmp/m/inside").movz(X2, 0755).svc(MKDIRAT); save(a);               // 39: 0
        a.adr(X0, "none").adr(X1, "/tmp/m").adr(X2, "nosuchfs").movz(X3, 0).movz(4, 0).svc(MOUNT); save(a); // 40: -ENODEV
        a.adr(X0, "/tmp/m").movz(X1, 0).svc(UMOUNT2); save(a);                                      // 41: 0
        a.movn(X0, 99).adr(X1, "/tmp/m/inside").movz(X2, 0).svc(FACCESSAT); save(a);                // 42: -ENOENT (it went with the mount)
        a.movn(X0, 99).adr(X1, "/tmp/m").movz(X2, OpenFlags.AT_REMOVEDIR).svc(UNLINKAT); save(a);   // 43: 0
        a.adr(X0, "/etc/passwd").adr(X1, "user.none").movz(X2, 0).movz(X3, 0).svc(LGETXATTR); save(a); // 44: -ENODATA
        a.adr(X0, "/etc/passwd").adr(X1, "user.x").movz(X2, 0).movz(X3, 0).movz(4, 0).svc(SETXATTR); save(a); // 45: -EOPNOTSUPP
        a.movn(X0, 99).adr(X1, "/tmp/el0-results").movz(X2, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC)
                .movz(X3, 0644).svc(OPENAT); save(a);                                               // 46: 3
        a.mov(X19, X0);
        a.mov(X0, X19).mov(X1, X21).movz(X2, SAVED).svc(WRITE);
        a.mov(X0, X19).svc(CLOSE);
        a.movz(X0, 0).svc(EXIT_GROUP);
        return a;
    }

    private static String programMakesFileCalls() {
        if (RootFilesystem.vfs() == null) return "no namespace: " + RootFilesystem.described();
        // The console starts at 0x0 as a Linux serial console does: a size set first shows TIOCGWINSZ reads it.
        byte[] winsize = Console.terminal().winsize();
        winsize[0] = 24;
        winsize[2] = 80;
        Process p = run("el0-files", program().words());
        winsize[0] = 0;
        winsize[2] = 0;
        if (p == null) return "the program did not run to its end";
        if (p.waitStatus() != 0) return "wait status 0x" + Integer.toHexString(p.waitStatus());
        byte[][] saved = new byte[1][];
        Executor ex = KernelExecutor.create();
        ex.spawn("el0-results", () -> saved[0] = readResults());
        ex.runUntilIdle();
        return saved[0] == null ? "no /tmp/el0-results of " + SAVED + " bytes" : verdict(saved[0]);
    }

    /**
     * Whether {@code b[at..at+len)} is whole linux_dirent64 records: each
     * d_reclen (at 16) a multiple of 8 that holds the header, a name and its
     * NUL, the last ending at {@code len}. ext4 lists a hashed directory in
     * hash order, as Linux does, so which names come first is not asked.
     */
    private static boolean wellFormedDirents(byte[] b, int at, int len) {
        int off = 0;
        while (off < len) {
            int reclen = LittleEndian.u16(b, at + off + 16);
            if (reclen < 24 || reclen % 8 != 0 || off + reclen > len) return false;
            boolean nul = false;
            for (int i = 19; i < reclen && !nul; i++) nul = b[at + off + i] == 0;
            if (!nul || b[at + off + 19] == 0) return false;
            off += reclen;
        }
        return len > 0;
    }

    private static String verdict(byte[] b) {
        long[] expected = {3, 64, 0, 64, 16, 4, 0, 0, 0, -9, -2, 0, 0, 12, 0, 0, 0, GREETING.length(), 3, -1, -25, 0, 0, 0, 0,
                0, 4, 4, 0, 0, -29, 0, 3, 4, 0, -9, 0, 0, 0, -19, 0, -2, 0, -61, -95, 3};
        String[] calls = {"openat", "read", "fstat", "lseek", "pread64", "dup", "fcntl(F_GETFD)", "close(dup)", "close",
                "close (again)", "openat(missing)", "mkdirat", "chdir", "getcwd", "ioctl(TCGETS)", "ioctl(TIOCGWINSZ)",
                "faccessat", "write(1)", "openat(/etc)", "getdents64", "ioctl(TCGETS, a directory)", "close(/etc)", "newfstatat",
                "chdir(/)", "unlinkat(AT_REMOVEDIR)", "pipe2", "write(pipe)", "read(pipe)", "close(write end)",
                "read(pipe, no writer)", "lseek(pipe)", "close(read end)", "dup(0)", "dup(0)", "close_range(3, ~0U)",
                "fcntl after close_range", "mkdirat(/tmp/m)", "mount(tmpfs)", "mkdirat(in the mount)", "mount(nosuchfs)",
                "umount2", "faccessat(what the mount held)", "unlinkat(/tmp/m)", "lgetxattr(missing)", "setxattr", "openat(O_CREAT)"};
        for (int i = 0; i < expected.length; i++) {
            long got = LittleEndian.u64(b, 8 * i);
            boolean ok = expected[i] == -1 ? got > 0 : got == expected[i];
            if (!ok) return calls[i] + " returned " + got + ", expected " + (expected[i] == -1 ? "> 0" : "" + expected[i]);
        }
        for (int i = 0; i < 16; i++) if (b[PREAD + i] != b[READ + i]) return "pread64 at 0 and read disagree at byte " + i;
        String first = new String(chars(b, READ, 12));
        if (!first.equals("PRETTY_NAME=")) return "read \"" + first + "\"";
        if (LittleEndian.u32(b, STAT + 16) != (FileMode.S_IFREG | 0644)) return "st_mode 0" + Long.toOctalString(LittleEndian.u32(b, STAT + 16));
        if (LittleEndian.u64(b, STAT + 48) < 64) return "st_size " + LittleEndian.u64(b, STAT + 48);
        String cwd = new String(chars(b, CWD, 12));
        if (!cwd.equals("/tmp/el0dir\0")) return "getcwd \"" + cwd + "\"";
        if (LittleEndian.u32(b, TERMIOS + 12) != 0x8A3B) return "c_lflag 0x" + Long.toHexString(LittleEndian.u32(b, TERMIOS + 12));
        if (LittleEndian.u16(b, WINSIZE) != 24 || LittleEndian.u16(b, WINSIZE + 2) != 80) return "winsize not the 24x80 set";
        if (!wellFormedDirents(b, DIRENTS, (int) Math.min(512, LittleEndian.u64(b, 8 * 19)))) return "getdents64 of /etc gave records that do not parse";
        if (LittleEndian.u32(b, PIPE_FDS) != 3 || LittleEndian.u32(b, PIPE_FDS + 4) != 4) return "pipe2 gave fds " + LittleEndian.u32(b, PIPE_FDS) + ", " + LittleEndian.u32(b, PIPE_FDS + 4);
        if (!new String(chars(b, PIPE_READ, 4)).equals("ping")) return "the pipe carried \"" + new String(chars(b, PIPE_READ, 4)) + "\"";
        if (LittleEndian.u64(b, NULL_STAT + 32) != FileMode.makedev(1, 3)) return "/dev/null's st_rdev " + LittleEndian.u64(b, NULL_STAT + 32);
        return null;
    }

    @Async
    private static byte[] readResults() {
        Vfs vfs = RootFilesystem.vfs();
        FsContext ctx = vfs.newContext(lichen.fs.vfs.Credentials.ROOT);
        Result<OpenFile> f = vfs.open(ctx, OpenFlags.AT_FDCWD, "/tmp/el0-results", OpenFlags.O_RDONLY, 0);
        if (!f.ok()) return null;
        byte[] b = new byte[SAVED];
        int n = f.value.read(b, 0, SAVED);
        f.value.close();
        vfs.unlinkat(ctx, OpenFlags.AT_FDCWD, "/tmp/el0-results", 0);
        return n == SAVED ? b : null;
    }

    private static char[] chars(byte[] b, int off, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) c[i] = (char) (b[off + i] & 0xff);
        return c;
    }

    /** Loads {@code words} at CODE in a new space with a stack, runs it as a process to its end. */
    private static Process run(String name, int[] words) {
        Executor ex = KernelExecutor.create();
        Processes.useExecutor(ex, null);
        UserAddressSpace mm = UserAddressSpace.create();
        if (mm == null) return null;
        PageSource program = (pa, offset) -> {
            for (int i = 0; i < words.length; i++) Mem.store32(pa + 4L * i, words[i]);
            return 0;
        };
        mm.mapFixed(new Vma(CODE, CODE + 4096, Prot.READ | Prot.EXEC, 0).withFile(program, 0, 0, 0, "[test]", 0));
        mm.mapFixed(new Vma(STACK_TOP - 16384, STACK_TOP, Prot.READ | Prot.WRITE, Vma.GROWSDOWN));
        Process p = Processes.create(mm, name, CODE, STACK_TOP);
        if (p == null) return null;
        ex.runUntilIdle();
        return p.state() == Process.LIVE ? null : p;
    }
}
