package lichen.kernel.selftest;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Mmio;
import lichen.api.Syscall;
import lichen.api.Unsafe;
import lichen.arch.aarch64.ExceptionTable;
import lichen.arch.aarch64.PrivilegedAccessNever;
import lichen.arch.aarch64.StackContinuations;
import lichen.arch.aarch64.Traps;
import lichen.arch.aarch64.UserMemory;
import lichen.kernel.mm.PageSource;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.Vma;

/**
 * UserCopy on the machine, from a kernel task with a user space in TTBR0:
 * the LDTR/STTR fast path, its faults (a demand-zero page made present inside
 * the abort, everything else resumed at the exception table's fixup), the
 * software walk that finishes what the fast path leaves (a file page), and PAN.
 */
@Unsafe
final class UserCopyTests {
    /** Areas of the test space: anonymous read-write, a file mapping, read-only. */
    private static final long ANON = 0x100000, ANON_PAGES = 4, FILE = 0x200000, READ_ONLY = 0x300000, NOWHERE = 0x5000000;
    private static final long PAGE = UserAddressSpace.PAGE;

    /** A test body that runs in a task whose TTBR0 is {@code mm}: null when it passes, else why not. */
    private interface InUserSpace {
        @Async
        String run(UserAddressSpace mm);
    }

    private static String outcome;

    private UserCopyTests() {}

    static void runAll() {
        SelfTest.check("the exception table lists usercopy.S's user accesses", UserCopyTests::tableKept);
        SelfTest.check("copyOut and copyIn across a page boundary, the absent pages made present in the abort",
                () -> inUserSpace(UserCopyTests::acrossPages));
        SelfTest.check("a bad user pointer is -EFAULT through the fixup, and the kernel goes on",
                () -> inUserSpace(UserCopyTests::badPointer));
        SelfTest.check("a file page absent but in an area is read in by the copy (the walk after the fixup)",
                () -> inUserSpace(UserCopyTests::filePageFaultedIn));
        SelfTest.check("string copy and length stop at the NUL and at the limit",
                () -> inUserSpace(UserCopyTests::stringsStop));
        SelfTest.check("a kernel address as a user pointer is -EFAULT, also to LDTR/STTR themselves",
                () -> inUserSpace(UserCopyTests::kernelAddressRefused));
        SelfTest.check("a copy into a page shared since fork gets its own frame in the abort (copy-on-write)",
                () -> inUserSpace(UserCopyTests::copyOnWrite));
        SelfTest.check("a space not in TTBR0 is reached by the walk", () -> inUserSpace(UserCopyTests::otherSpace));
        SelfTest.check("loads and stores of single words at user addresses", () -> inUserSpace(UserCopyTests::words));
        SelfTest.check("a fault at a PC outside the exception table is not served by the user-copy path",
                () -> inUserSpace(UserCopyTests::unlistedFaultNotServed));
        SelfTest.check("a system call from EL0 given a bad pointer returns -EFAULT to the program, which goes on",
                UserCopyTests::systemCallGetsEfault);
        SelfTest.check("a system call's copy to an untouched stack page makes it present in the abort",
                UserCopyTests::systemCallFaultsInStack);
        SelfTest.check("PAN, where the CPU has it, makes a plain kernel load of user memory fault",
                () -> inUserSpace(UserCopyTests::privilegedAccessNever));
    }

    /** write(1, 0x10, 5) from EL0: no area there, so -EFAULT (-14) comes back and the program exits with it. */
    private static String systemCallGetsEfault() {
        int[] code = {UserModeTests.movz(8, 64), UserModeTests.movz(0, 1), UserModeTests.movz(1, 16), UserModeTests.movz(2, 5),
                UserModeTests.SVC, UserModeTests.movz(8, 94), UserModeTests.SVC};
        Process p = UserModeTests.run("el0-efault", code, "");
        if (p == null) return "no process";
        return p.waitStatus() == (-Errno.EFAULT & 0xff) << 8 ? null : "wait status 0x" + Integer.toHexString(p.waitStatus()) + ", expected 0xf200";
    }

    /** SUB Xd, SP, #imm, LSL #12 (ARM ARM C6.2, SUB (immediate)). */
    private static int subFromSpPages(int rd, int pages) { return 0xD1400000 | pages << 10 | 31 << 5 | rd; }

    /** clock_gettime(CLOCK_MONOTONIC, sp - 8 KiB) from EL0: the untouched stack page is made present in the abort of the copy. */
    private static String systemCallFaultsInStack() {
        int[] code = {UserModeTests.movz(8, 113), UserModeTests.movz(0, 1), subFromSpPages(1, 2), UserModeTests.SVC,
                UserModeTests.movz(8, 94), UserModeTests.SVC};
        long made = UserMemory.pagesMadePresent();
        Process p = UserModeTests.run("el0-clock", code, "");
        if (p == null) return "no process";
        if (p.waitStatus() != 0) return "clock_gettime returned " + (p.waitStatus() >> 8) + " (as the exit status)";
        return UserMemory.pagesMadePresent() > made ? null : "no page was made present by the copy";
    }

    private static String tableKept() {
        int n = ExceptionTable.size();
        return n >= 20 ? null : "the exception table has " + n + " entries";
    }

    /** A fresh space with the test areas, installed in a new task that runs {@code body}. */
    private static String inUserSpace(InUserSpace body) {
        UserAddressSpace mm = UserAddressSpace.create();
        if (mm == null) return "no address space";
        mm.mapFixed(new Vma(ANON, ANON + ANON_PAGES * PAGE, Prot.READ | Prot.WRITE, 0));
        mm.mapFixed(new Vma(FILE, FILE + PAGE, Prot.READ | Prot.WRITE, 0).withFile(pattern(), 0, 0, 0, "[pattern]", 0));
        mm.mapFixed(new Vma(READ_ONLY, READ_ONLY + PAGE, Prot.READ, 0));
        Executor ex = KernelExecutor.create();
        outcome = "the test task did not finish";
        ex.spawn("usercopy", () -> {
            StackContinuations.setTranslationTable(mm.ttbr0());
            outcome = body.run(mm);
        });
        ex.runUntilIdle();
        mm.destroy();
        return outcome;
    }

    /** A "file" whose byte at offset i is i * 7 + 1. */
    private static PageSource pattern() {
        return (pa, offset) -> {
            for (int i = 0; i < PAGE; i++) Mem.store8(pa + i, (int) ((offset + i) * 7 + 1));
            return 0;
        };
    }

    @Async
    private static String acrossPages(UserAddressSpace mm) {
        byte[] out = new byte[300], in = new byte[300];
        for (int i = 0; i < out.length; i++) out[i] = (byte) (i * 13 + 5);
        long at = ANON + PAGE - 101; // odd, so the aligned word loop and the byte loops all run
        long made = UserMemory.pagesMadePresent(), fixups = UserMemory.fixupsTaken();
        if (UserCopy.copyOut(mm, at, out, 0, out.length) != 0) return "copyOut failed";
        if (UserMemory.pagesMadePresent() - made != 2) return (UserMemory.pagesMadePresent() - made) + " pages made present in the abort, expected 2";
        if (UserCopy.copyIn(mm, at, in, 0, in.length) != 0) return "copyIn failed";
        for (int i = 0; i < in.length; i++) if (in[i] != out[i]) return "byte " + i + " came back as " + in[i];
        if (UserMemory.fixupsTaken() != fixups) return "a fixup was taken on good memory";
        if (UserCopy.clear(mm, at + 50, 200) != 0) return "clear failed";
        if (UserCopy.copyIn(mm, at, in, 0, in.length) != 0) return "copyIn after clear failed";
        for (int i = 0; i < in.length; i++) {
            byte want = i >= 50 && i < 250 ? 0 : out[i];
            if (in[i] != want) return "after clear, byte " + i + " is " + in[i];
        }
        return null;
    }

    @Async
    private static String badPointer(UserAddressSpace mm) {
        byte[] b = new byte[64];
        long fixups = UserMemory.fixupsTaken();
        if (UserCopy.copyIn(mm, NOWHERE, b, 0, b.length) != -Errno.EFAULT) return "copyIn from no area did not give EFAULT";
        if (UserCopy.copyOut(mm, READ_ONLY, b, 0, b.length) != -Errno.EFAULT) return "copyOut to a read-only area did not give EFAULT";
        long end = ANON + ANON_PAGES * PAGE;
        if (UserCopy.copyOut(mm, end - 16, b, 0, b.length) != -Errno.EFAULT) return "copyOut running off an area's end did not give EFAULT";
        if (UserCopy.clear(mm, NOWHERE, 8) != -Errno.EFAULT) return "clear of no area did not give EFAULT";
        if (UserCopy.stringLength(mm, NOWHERE, 10) != -Errno.EFAULT) return "stringLength of no area did not give EFAULT";
        if (UserMemory.fixupsTaken() - fixups < 5) return "only " + (UserMemory.fixupsTaken() - fixups) + " fixups taken for 5 bad copies";
        // The kernel goes on: the same space still copies.
        b[0] = 42;
        if (UserCopy.copyOut(mm, ANON, b, 0, 1) != 0 || UserCopy.copyIn(mm, ANON, b, 1, 1) != 0 || b[1] != 42) return "a good copy after the bad ones failed";
        return null;
    }

    @Async
    private static String filePageFaultedIn(UserAddressSpace mm) {
        byte[] b = new byte[40];
        long fixups = UserMemory.fixupsTaken();
        if (UserCopy.copyIn(mm, FILE + 100, b, 0, b.length) != 0) return "copyIn from the file page failed";
        for (int i = 0; i < b.length; i++) if (b[i] != (byte) ((100 + i) * 7 + 1)) return "byte " + i + " of the file page is " + b[i];
        if (UserMemory.fixupsTaken() - fixups != 1) return "expected one fixup (the file page), saw " + (UserMemory.fixupsTaken() - fixups);
        if (UserCopy.copyIn(mm, FILE + 100, b, 0, b.length) != 0) return "a second copyIn failed";
        return UserMemory.fixupsTaken() - fixups == 1 ? null : "the page, present now, still faulted";
    }

    @Async
    private static String stringsStop(UserAddressSpace mm) {
        byte[] text = {'h', 'e', 'l', 'l', 'o', 0, 'w', 'o', 'r', 'l', 'd'};
        long at = ANON + PAGE - 3; // the string crosses into the next page
        if (UserCopy.copyOut(mm, at, text, 0, text.length) != 0) return "copyOut failed";
        byte[] got = new byte[16];
        int n = UserCopy.copyString(mm, at, got);
        if (n != 5) return "copyString gave " + n + ", expected 5";
        for (int i = 0; i <= 5; i++) if (got[i] != text[i]) return "copyString byte " + i + " is " + got[i];
        if (got[6] != 0) return "copyString went past the NUL";
        if (UserCopy.stringLength(mm, at, 16) != 5) return "stringLength gave " + UserCopy.stringLength(mm, at, 16);
        if (UserCopy.stringLength(mm, at, 5) != 5) return "stringLength with max 5 gave " + UserCopy.stringLength(mm, at, 5);
        if (UserCopy.stringLength(mm, at, 4) != -Errno.ENAMETOOLONG) return "stringLength with max 4 did not give ENAMETOOLONG";
        byte[] small = new byte[5];
        if (UserCopy.copyString(mm, at, small) != -Errno.ENAMETOOLONG) return "copyString into 5 bytes did not give ENAMETOOLONG";
        if (UserCopy.copyString(mm, at, new byte[6]) != 5) return "copyString into 6 bytes did not fit hello";
        // A string with no NUL up to the end of the area: EFAULT at the area's end, not a crash.
        long end = ANON + ANON_PAGES * PAGE;
        byte[] fill = {'x', 'x', 'x', 'x'};
        if (UserCopy.copyOut(mm, end - 4, fill, 0, 4) != 0) return "copyOut at the area's end failed";
        if (UserCopy.stringLength(mm, end - 4, 100) != -Errno.EFAULT) return "a string running off its area did not give EFAULT";
        return UserCopy.copyString(mm, end - 4, got) == -Errno.EFAULT ? null : "copyString running off its area did not give EFAULT";
    }

    @Async
    private static String kernelAddressRefused(UserAddressSpace mm) {
        byte[] secret = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        byte[] b = new byte[16];
        long kernel = Syscall.addressOf(secret);
        if (UserCopy.copyIn(mm, kernel, b, 0, 16) != -Errno.EFAULT) return "copyIn from a kernel address did not give EFAULT";
        if (UserCopy.copyOut(mm, kernel, b, 0, 16) != -Errno.EFAULT) return "copyOut to a kernel address did not give EFAULT";
        // Below UserCopy's range check, the unprivileged accesses refuse kernel pages by themselves.
        long left = UserMemory.copyIn(mm, Syscall.addressOf(b), kernel, 16);
        if (left != 16) return "LDTR read " + (16 - left) + " bytes of kernel memory";
        left = UserMemory.copyOut(mm, kernel, Syscall.addressOf(b), 16);
        if (left != 16 || secret[0] != 1) return "STTR wrote " + (16 - left) + " bytes of kernel memory";
        if (UserMemory.stringLength(mm, kernel, 16) != -1) return "LDTRB read a kernel string";
        return UserMemory.store64(mm, kernel, 0) == -1 && secret[0] == 1 ? null : "STTR stored a word in kernel memory";
    }

    @Async
    private static String copyOnWrite(UserAddressSpace mm) {
        byte[] before = {1, 2, 3, 4}, after = {5, 6, 7, 8}, in = new byte[4];
        if (UserCopy.copyOut(mm, ANON + 8, before, 0, 4) != 0) return "copyOut failed";
        UserAddressSpace child = mm.fork(); // the page is now read-only in both, shared
        if (child == null) return "fork failed";
        String why = null;
        long made = UserMemory.pagesMadePresent(), fixups = UserMemory.fixupsTaken();
        if (UserCopy.copyOut(mm, ANON + 8, after, 0, 4) != 0) why = "copyOut to the shared page failed";
        else if (UserMemory.pagesMadePresent() - made != 1 || UserMemory.fixupsTaken() != fixups) why = "the write fault was not served in the abort";
        else if (UserCopy.copyIn(child, ANON + 8, in, 0, 4) != 0 || in[0] != 1 || in[3] != 4) why = "the child sees " + in[0] + ".." + in[3] + " after the parent's write";
        else if (UserCopy.copyIn(mm, ANON + 8, in, 0, 4) != 0 || in[0] != 5 || in[3] != 8) why = "the parent reads back " + in[0] + ".." + in[3];
        child.destroy();
        return why;
    }

    @Async
    private static String otherSpace(UserAddressSpace installed) {
        UserAddressSpace other = UserAddressSpace.create();
        if (other == null) return "no second space";
        other.mapFixed(new Vma(ANON, ANON + PAGE, Prot.READ | Prot.WRITE, 0));
        byte[] b = {9, 8, 7, 6}, in = new byte[4], mine = new byte[4];
        String why = null;
        if (UserCopy.copyOut(other, ANON + 10, b, 0, 4) != 0 || UserCopy.copyIn(other, ANON + 10, in, 0, 4) != 0) why = "the walk failed";
        else if (in[0] != 9 || in[3] != 6) why = "the walk read back " + in[0] + ".." + in[3];
        else if (UserCopy.copyIn(installed, ANON + 10, mine, 0, 4) != 0 || mine[0] != 0) why = "the copy landed in the installed space";
        other.destroy();
        return why;
    }

    @Async
    private static String words(UserAddressSpace mm) {
        long[] l = new long[2];
        int[] w = new int[2];
        if (UserCopy.store64(mm, ANON + 2 * PAGE, 0x1122334455667788L) != 0) return "store64 failed";
        if (UserCopy.load64(mm, ANON + 2 * PAGE, l, 1) != 0 || l[1] != 0x1122334455667788L) return "load64 read 0x" + Long.toHexString(l[1]);
        if (UserCopy.store32(mm, ANON + 2 * PAGE + 12, 0x0BADCAFE) != 0) return "store32 failed";
        if (UserCopy.load32(mm, ANON + 2 * PAGE + 12, w, 1) != 0 || w[1] != 0x0BADCAFE) return "load32 read 0x" + Integer.toHexString(w[1]);
        if (UserCopy.store64(mm, READ_ONLY, 1) != -Errno.EFAULT) return "store64 to a read-only page did not give EFAULT";
        if (UserCopy.load64(mm, NOWHERE, l, 0) != -Errno.EFAULT) return "load64 from no area did not give EFAULT";
        // The file page's first word, read in by the walk after the fast path's fixup: bytes 1, 8, 15, ...
        if (UserCopy.load32(mm, FILE, w, 0) != 0 || w[0] != 0x16_0F_08_01) return "load32 of the file page read 0x" + Integer.toHexString(w[0]);
        return null;
    }

    /** A plain kernel load of an absent user page is a kernel fault (a panic but for expectFault), never made present. */
    @Async
    private static String unlistedFaultNotServed(UserAddressSpace mm) {
        long made = UserMemory.pagesMadePresent(), fixups = UserMemory.fixupsTaken();
        Traps.expectFault();
        Mmio.read64(ANON + PAGE); // not LDTR, not in the table
        long far = Traps.takeFault();
        if (far != ANON + PAGE) return "the load did not reach the kernel's fault path (FAR 0x" + Long.toHexString(far) + ")";
        return UserMemory.pagesMadePresent() == made && UserMemory.fixupsTaken() == fixups ? null : "the user-copy path took a fault it does not list";
    }

    @Async
    private static String privilegedAccessNever(UserAddressSpace mm) {
        boolean wanted = SelfTest.bootArgument("expect-pan=1");
        if (!PrivilegedAccessNever.implemented()) {
            if (wanted) return "the harness asked for a CPU with PAN, and ID_AA64MMFR1_EL1.PAN is 0";
            System.out.println("  (this CPU has no PAN: ID_AA64MMFR1_EL1.PAN is 0, as on cortex-a72)");
            return null;
        }
        if (!PrivilegedAccessNever.enabled()) return "the CPU has PAN and it is off";
        byte[] b = {77};
        if (UserCopy.copyOut(mm, ANON + 3 * PAGE, b, 0, 1) != 0) return "copyOut failed";
        Traps.expectFault();
        Mmio.read64(ANON + 3 * PAGE); // a plain LDR of a present user page: PAN makes it a permission fault
        long far = Traps.takeFault();
        if (far != ANON + 3 * PAGE) return "a plain load of user memory did not fault (FAR 0x" + Long.toHexString(far) + ")";
        byte[] in = new byte[1];
        return UserCopy.copyIn(mm, ANON + 3 * PAGE, in, 0, 1) == 0 && in[0] == 77 ? null : "LDTR under PAN failed";
    }
}
