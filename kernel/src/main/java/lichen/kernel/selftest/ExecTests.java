package lichen.kernel.selftest;

import lichen.kernel.exec.ByteStrings;
import lichen.kernel.exec.Exec;
import lichen.kernel.mm.MappedFile;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;
import lichen.libkernel.async.Executor;

/**
 * execve's loader on the machine, with files held in memory: a static ELF
 * executable built here runs at EL0 and sees its argc on the stack; a "#!"
 * script runs its interpreter with the script's name and its arguments; a
 * missing file and a file that is no program fail with ENOENT and ENOEXEC.
 */
final class ExecTests {
    private static final long BASE = 0x400000;
    /** LDR X0, [SP]; MOVZ X8, #94; SVC #0: exit_group(argc) (ARM ARM C6.2). */
    private static final int[] EXIT_WITH_ARGC = {0xF94003E0, 0xD2800000 | 94 << 5 | 8, 0xD4000001};

    private ExecTests() {}

    /** A file of bytes in memory, as the file layer's files look to exec. */
    private static final class BytesFile implements MappedFile {
        private final String path;
        private final byte[] bytes;

        BytesFile(String path, byte[] bytes) {
            this.path = path;
            this.bytes = bytes;
        }

        @Override
        public long size() { return bytes.length; }

        @Override
        public int pread(byte[] buf, int off, int len, long pos) {
            if (pos >= bytes.length) return 0;
            int n = (int) Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, (int) pos, buf, off, n);
            return n;
        }

        @Override
        public String path() { return path; }

        @Override
        public long inode() { return 1; }

        @Override
        public long device() { return 0; }

        @Override
        public Object identity() { return this; }

        @Override
        public long page(long index) { return NOT_CACHED; }

        @Override
        public void pageWritten(long index) {}

        @Override
        public int writeBack(long from, long to) { return 0; }
    }

    static void runAll() {
        BytesFile program = new BytesFile("/prog", staticElf(EXIT_WITH_ARGC));
        BytesFile script = new BytesFile("/script", ByteStrings.bytes("#!/prog  -x \nignored"));
        BytesFile junk = new BytesFile("/junk", ByteStrings.bytes("not a program"));
        Exec.useFiles((p, dirfd, path, atFlags, out) -> {
            if (path.equals(program.path())) out[0] = program;
            else if (path.equals(script.path())) out[0] = script;
            else if (path.equals(junk.path())) out[0] = junk;
            else return -Errno.ENOENT;
            return 0;
        });
        SelfTest.check("execve of a static ELF runs it at EL0 with argc on its stack", () ->
                expectStatus(run("/prog", "/prog", "a", "b"), 3 << 8));
        SelfTest.check("a #! script runs its interpreter with the line's argument, the script's path and its arguments", () ->
                expectStatus(run("/script", "/script", "one"), 4 << 8));
        SelfTest.check("execve of a missing file fails with ENOENT and of a non-program with ENOEXEC", () -> {
            String e = expectStatus(run("/missing", "/missing"), 127 << 8);
            return e != null ? e : expectStatus(run("/junk", "/junk"), 127 << 8);
        });
        Exec.useFiles(null);
    }

    private static String expectStatus(Process p, int status) {
        if (p == null) return "no process";
        if (p.state() == Process.LIVE) return "still running";
        return p.waitStatus() == status ? null : "wait status 0x" + Integer.toHexString(p.waitStatus()) + ", expected 0x" + Integer.toHexString(status);
    }

    /** Runs {@code path} with {@code argv} as a first process until it ends. */
    private static Process run(String path, String... argv) {
        Executor ex = KernelExecutor.create();
        Processes.useExecutor(ex, null);
        byte[][] args = ByteStrings.bytes(argv);
        byte[][] env = {ByteStrings.bytes("TERM=linux")};
        Process p = Processes.startFirst("exec-test", (proc, frame) -> Exec.execve(proc, frame, ByteStrings.bytes(path), args, env));
        ex.runUntilIdle();
        return p;
    }

    /** ELF64 header, one PT_LOAD (R+X) covering the whole file at BASE, and the code after them (System V gABI, Ch. 4 and 5). */
    private static byte[] staticElf(int[] code) {
        int codeAt = 64 + 56;
        byte[] f = new byte[codeAt + 4 * code.length];
        f[0] = 0x7f;
        f[1] = 'E';
        f[2] = 'L';
        f[3] = 'F';
        f[4] = 2; // ELFCLASS64
        f[5] = 1; // ELFDATA2LSB
        f[6] = 1; // EV_CURRENT
        LittleEndian.put16(f, 16, 2); // ET_EXEC
        LittleEndian.put16(f, 18, 183); // EM_AARCH64
        LittleEndian.put32(f, 20, 1);
        LittleEndian.put64(f, 24, BASE + codeAt);
        LittleEndian.put64(f, 32, 64);
        LittleEndian.put16(f, 52, 64);
        LittleEndian.put16(f, 54, 56);
        LittleEndian.put16(f, 56, 1);
        LittleEndian.put32(f, 64, 1); // PT_LOAD
        LittleEndian.put32(f, 68, 5); // PF_R | PF_X
        LittleEndian.put64(f, 80, BASE);
        LittleEndian.put64(f, 88, BASE);
        LittleEndian.put64(f, 96, f.length);
        LittleEndian.put64(f, 104, f.length);
        LittleEndian.put64(f, 112, 4096);
        for (int i = 0; i < code.length; i++) LittleEndian.put32(f, codeAt + 4 * i, code[i]);
        return f;
    }
}
