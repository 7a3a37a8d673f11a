package lichen.kernel.selftest;

import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.kernel.mm.PageSource;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.proc.UserTraps;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.Vma;

/**
 * Processes at EL0 on the machine: machine code written into a fresh address
 * space runs in user mode, makes system calls through SVC and ends with a
 * status its kernel side reads back; a bad access ends it with SIGSEGV and
 * the kernel goes on.
 */
@Unsafe
final class UserModeTests {
    private static final long CODE = 0x400000, STACK_TOP = 0x800000;
    /** A64 encodings (ARM ARM C6.2): MOVZ Xd, #imm; ADR; SVC #0; LDR Xt, [Xn]. */
    static int movz(int rd, int imm) { return 0xD2800000 | imm << 5 | rd; }
    private static int adr(int rd, int offset) { return 0x10000000 | (offset & 3) << 29 | (offset >> 2) << 5 | rd; }
    static final int SVC = 0xD4000001;
    private static int ldr(int rt, int rn) { return 0xF9400000 | rn << 5 | rt; }

    private UserModeTests() {}

    static void runAll() {
        UserTraps.install();
        SelfTest.check("a program at EL0 writes to the console with SVC and exits with the byte count as its status",
                UserModeTests::writeAndExit);
        SelfTest.check("a load from an unmapped user address ends the program with SIGSEGV, and the kernel goes on",
                UserModeTests::segfaultKills);
        SelfTest.check("getpid from EL0 answers the process's pid", UserModeTests::getpidAnswers);
    }

    /** write(1, "hello from EL0\n", 15); exit_group(x0). */
    private static String writeAndExit() {
        int[] code = {movz(8, 64), movz(0, 1), adr(1, 24), movz(2, 15), SVC, movz(8, 94), SVC, 0};
        Process p = run("el0-write", code, "hello from EL0\n");
        if (p == null) return "no process";
        return p.waitStatus() == 15 << 8 ? null : "wait status 0x" + Integer.toHexString(p.waitStatus()) + ", expected 0xf00";
    }

    private static String segfaultKills() {
        int[] code = {movz(1, 16), ldr(0, 1), movz(8, 94), SVC};
        Process p = run("el0-segv", code, "");
        if (p == null) return "no process";
        return p.waitStatus() == UserTraps.SIGSEGV ? null : "wait status 0x" + Integer.toHexString(p.waitStatus()) + ", expected SIGSEGV (11)";
    }

    /** exit_group(getpid() & 0xff). */
    private static String getpidAnswers() {
        int[] code = {movz(8, 172), SVC, movz(8, 94), SVC};
        Process p = run("el0-getpid", code, "");
        if (p == null) return "no process";
        return p.waitStatus() == (p.pid() & 0xff) << 8 ? null : "status 0x" + Integer.toHexString(p.waitStatus()) + " for pid " + p.pid();
    }

    /** Loads {@code code} then {@code data} at CODE in a new space with a stack, runs it as a process to its end. */
    static Process run(String name, int[] code, String data) {
        Executor ex = KernelExecutor.create();
        Processes.useExecutor(ex, null);
        UserAddressSpace mm = UserAddressSpace.create();
        if (mm == null) return null;
        // The code page is a file mapping whose "file" writes the program: the first fetch faults it in.
        PageSource program = (pa, offset) -> {
            for (int i = 0; i < code.length; i++) Mem.store32(pa + 4L * i, code[i]);
            for (int i = 0; i < data.length(); i++) Mem.store8(pa + 4L * code.length + i, data.charAt(i));
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
