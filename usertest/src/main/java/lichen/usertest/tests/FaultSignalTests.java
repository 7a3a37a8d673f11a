package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.RawMemory;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.WaitStatus;

/**
 * The signals of the program's own synchronous exceptions (arm64 Linux's
 * arch/arm64/kernel/traps.c and debug-monitors.c): a {@code brk} is SIGTRAP
 * TRAP_BRKPT, an undefined instruction SIGILL ILL_ILLOPC, both with si_addr
 * the instruction's address; a branch to a misaligned address is SIGBUS
 * BUS_ADRALN with si_addr that address. jcc emits none of these, so the
 * instructions are machine code in a page of their own, reached as a
 * SIGUSR1 handler (the kernel jumps there for us); the faulting signal's
 * SA_SIGINFO handler, more machine code, stores si_signo, si_code and
 * si_addr in a MAP_SHARED page the parent reads, and calls exit_group(0).
 */
public final class FaultSignalTests {
    private FaultSignalTests() {}

    /** Where each piece of code starts in the code page. */
    private static final int BRK = 0, UDF = 16, MISALIGNED = 32, RECORD = 64;
    /** Offset of the misaligned target from MISALIGNED: adr x9, #8 gives MISALIGNED + 8, plus 2. */
    private static final int MISALIGNED_TARGET = MISALIGNED + 10;
    private static final int BRK_IMMEDIATE = 0x1234;

    /**
     * The code, as AArch64 instruction words (ARM ARM C6), each at its byte
     * offset / 4. The record handler loads the result page's address from a
     * literal at RECORD + 40, filled in when the page is made.
     */
    private static int[] code() {
        int[] w = new int[(RECORD + 48) / 4];
        w[BRK / 4] = 0xD4200000 | (BRK_IMMEDIATE << 5);     // brk #0x1234
        w[UDF / 4] = 0x00000000;                               // udf #0
        w[MISALIGNED / 4] = 0x10000049;                        // adr x9, .+8
        w[MISALIGNED / 4 + 1] = 0x91000929;                    // add x9, x9, #2
        w[MISALIGNED / 4 + 2] = 0xD61F0120;                    // br x9
        int r = RECORD / 4;
        w[r] = 0x58000145;                                     // ldr x5, .+40 (the result page)
        w[r + 1] = 0xB90000A0;                                 // str w0, [x5]         si_signo (the handler's argument)
        w[r + 2] = 0xB9400823;                                 // ldr w3, [x1, #8]     siginfo's si_code
        w[r + 3] = 0xB90004A3;                                 // str w3, [x5, #4]
        w[r + 4] = 0xF9400824;                                 // ldr x4, [x1, #16]    siginfo's si_addr
        w[r + 5] = 0xF90004A4;                                 // str x4, [x5, #8]
        w[r + 6] = 0xD2800BC8;                                 // mov x8, #94          exit_group
        w[r + 7] = 0xD2800000;                                 // mov x0, #0
        w[r + 8] = 0xD4000001;                                 // svc #0
        w[r + 9] = 0x14000000;                                 // b .
        return w;
    }

    public static void register(TestList list) {
        list.add("user_brk_sigtrap_trap_brkpt_at_pc", c -> expectSignal(c, BRK, Signals.SIGTRAP, Signals.TRAP_BRKPT, BRK));
        list.add("undefined_instruction_sigill_ill_illopc_at_pc", c -> expectSignal(c, UDF, Signals.SIGILL, Signals.ILL_ILLOPC, UDF));
        list.add("misaligned_pc_sigbus_bus_adraln_at_target",
                 c -> expectSignal(c, MISALIGNED, Signals.SIGBUS, Signals.BUS_ADRALN, MISALIGNED_TARGET));
        list.add("user_brk_without_handler_kills_sigtrap", FaultSignalTests::brkKills);
    }

    /** The code page (read and execute), its record handler storing into {@code results}; or a negative errno. */
    private static long codePage(long results) {
        long page = Linux.mmap(0, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        if (page < 0) {
            return page;
        }
        int[] w = code();
        for (int i = 0; i < w.length; i++) {
            for (int b = 0; b < 4; b++) {
                RawMemory.store8(page + 4L * i + b, w[i] >>> (8 * b));
            }
        }
        for (int b = 0; b < 8; b++) {
            RawMemory.store8(page + RECORD + 40 + b, (int) (results >>> (8 * b)));
        }
        long r = Linux.mprotect(page, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_EXEC);
        return r < 0 ? r : page;
    }

    private static byte[] action(long handler, long flags) {
        byte[] act = new byte[Signals.SIGACTION_SIZE];
        LittleEndian.put64(act, 0, handler);
        LittleEndian.put64(act, 8, flags);
        return act;
    }

    /** In a child: SIGUSR1's handler is the code at {@code at}; raising SIGUSR1 runs it. Returns only when something failed. */
    private static int raiseInto(long page, int at) {
        if (Linux.rt_sigaction(Signals.SIGUSR1, action(page + at, 0), null) != 0) {
            return 91;
        }
        Linux.tgkill(Linux.getpid(), Linux.gettid(), Signals.SIGUSR1);
        return 92;
    }

    private static void expectSignal(Check c, int at, int signal, int code, int addressOffset) {
        long results = Linux.mmap(0, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED | Mman.MAP_ANONYMOUS, -1, 0);
        if (!c.succeeded(results, "mmap(MAP_SHARED, the results)")) {
            return;
        }
        long page = codePage(results);
        if (c.succeeded(page, "mmap and mprotect(PROT_EXEC) of the code")) {
            long pid = Processes.fork();
            if (pid == 0) {
                int rc = Linux.rt_sigaction(signal, action(page + RECORD, Signals.SA_SIGINFO), null) == 0 ? raiseInto(page, at) : 90;
                Processes.childExit(rc);
            }
            if (c.succeeded(pid, "clone")) {
                long status = Processes.waitFor(pid);
                if (c.isTrue(status == 0, "the child's end: " + WaitStatus.describe((int) status)
                                          + " (exit 0 from the handler; 90-92: it could not set up or raise)")) {
                    c.equal(signal, load(results, 4), "si_signo");
                    c.equal(code, load(results + 4, 4), "si_code");
                    c.equal(page + addressOffset, load(results + 8, 8), "si_addr (the code page is at 0x" + Long.toHexString(page) + ")");
                }
            }
            Linux.munmap(page, Mman.PAGE_SIZE);
        }
        Linux.munmap(results, Mman.PAGE_SIZE);
    }

    /** A little-endian value of {@code bytes} bytes at {@code a}, unsigned. */
    private static long load(long a, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = v << 8 | (RawMemory.load8(a + i) & 0xff);
        }
        return v;
    }

    /** With no handler, SIGTRAP's default action ends the process (man 7 signal: Core). */
    private static void brkKills(Check c) {
        long page = codePage(0);
        if (c.succeeded(page, "mmap and mprotect(PROT_EXEC) of the code")) {
            long pid = Processes.fork();
            if (pid == 0) {
                Processes.prepareToDie();
                Processes.childExit(raiseInto(page, BRK));
            }
            Processes.expectKilledBy(c, pid, Signals.SIGTRAP, "a brk with SIGTRAP at its default");
            Linux.munmap(page, Mman.PAGE_SIZE);
        }
    }
}
