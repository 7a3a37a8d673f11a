package lichen.kernel.signal;

import lichen.api.Async;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.UserFrame;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * arm64's rt_sigframe on the user stack (arch/arm64/include/uapi/asm/
 * sigcontext.h and ucontext.h): a siginfo (128 bytes), then a ucontext whose
 * mcontext holds x0-x30, sp, pc, pstate and, in its reserved area, an
 * fpsimd_context record (FPSR, FPCR, V0-V31) and the terminating null record.
 * A frame record {x29, x30} sits just above it, as the kernel leaves one for
 * unwinders. rt_sigreturn reads the same layout back.
 */
final class SignalFrame {
    static final int INFO = 0, UC = 128;
    static final int UC_FLAGS = UC, UC_LINK = UC + 8, UC_STACK = UC + 16, UC_SIGMASK = UC + 40, MCONTEXT = UC + 176;
    static final int MC_FAULT = MCONTEXT, MC_REGS = MCONTEXT + 8, MC_SP = MCONTEXT + 256, MC_PC = MCONTEXT + 264,
            MC_PSTATE = MCONTEXT + 272, MC_RESERVED = MCONTEXT + 288;
    static final int FPSIMD_MAGIC = 0x46508001, FPSIMD_SIZE = 528;
    /** sizeof(struct rt_sigframe): 128 + 4560. */
    static final int SIZE = MC_RESERVED + 4096;
    /** PSTATE bits user code may set: NZCV (ARM ARM C5.2.18); the mode stays EL0t. */
    static final long USER_PSTATE = 0xF0000000L;

    private SignalFrame() {}

    /**
     * Writes the frame for a handler below {@code top} (16-byte aligned, a
     * frame record above it) from the user state at {@code frame}; returns
     * its address, or -EFAULT when the stack cannot take it.
     */
    @Async
    static long write(UserAddressSpace mm, long frame, long top, int sig, SignalState s, long savedMask) {
        long record = (top - 16) & -16;
        long at = record - SIZE;
        byte[] b = new byte[SIZE + 16];
        UserFrame.flushFp(frame); // the fpsimd_context record reads the frame's FP/SIMD part
        Siginfo.encodeTaken(b, INFO, s, sig);
        LittleEndian.put64(b, UC_STACK, s.altStack());
        LittleEndian.put32(b, UC_STACK + 8, s.altFlags());
        LittleEndian.put64(b, UC_STACK + 16, s.altSize());
        LittleEndian.put64(b, UC_SIGMASK, savedMask);
        LittleEndian.put64(b, MC_FAULT, UserFrame.get(frame, UserFrame.FAR));
        for (int r = 0; r < 31; r++) LittleEndian.put64(b, MC_REGS + 8 * r, UserFrame.x(frame, r));
        LittleEndian.put64(b, MC_SP, UserFrame.get(frame, UserFrame.SP));
        LittleEndian.put64(b, MC_PC, UserFrame.get(frame, UserFrame.ELR));
        LittleEndian.put64(b, MC_PSTATE, UserFrame.get(frame, UserFrame.SPSR));
        LittleEndian.put32(b, MC_RESERVED, FPSIMD_MAGIC);
        LittleEndian.put32(b, MC_RESERVED + 4, FPSIMD_SIZE);
        LittleEndian.put32(b, MC_RESERVED + 8, (int) UserFrame.get(frame, UserFrame.FPSR));
        LittleEndian.put32(b, MC_RESERVED + 12, (int) UserFrame.get(frame, UserFrame.FPCR));
        for (int q = 0; q < 64; q++) LittleEndian.put64(b, MC_RESERVED + 16 + 8 * q, UserFrame.get(frame, UserFrame.QREGS + 8 * q));
        // The null record after fpsimd_context ends the list: already zero.
        LittleEndian.put64(b, SIZE, UserFrame.x(frame, 29));
        LittleEndian.put64(b, SIZE + 8, UserFrame.x(frame, 30));
        return UserCopy.copyOut(mm, at, b, 0, b.length) < 0 ? -Errno.EFAULT : at;
    }

    /**
     * rt_sigreturn's work: the user state at {@code frame} becomes what the
     * frame at {@code at} saved; returns the signal mask to restore, or -1
     * (with nothing changed) when the frame cannot be read.
     */
    @Async
    static long restore(UserAddressSpace mm, long frame, long at, long[] mask) {
        byte[] b = new byte[SIZE];
        if ((at & 15) != 0 || UserCopy.copyIn(mm, at, b, 0, SIZE) < 0) return -1;
        for (int r = 0; r < 31; r++) UserFrame.setX(frame, r, LittleEndian.u64(b, MC_REGS + 8 * r));
        UserFrame.set(frame, UserFrame.SP, LittleEndian.u64(b, MC_SP));
        UserFrame.set(frame, UserFrame.ELR, LittleEndian.u64(b, MC_PC));
        UserFrame.set(frame, UserFrame.SPSR, LittleEndian.u64(b, MC_PSTATE) & USER_PSTATE);
        if (LittleEndian.u32(b, MC_RESERVED) == FPSIMD_MAGIC) {
            UserFrame.set(frame, UserFrame.FPSR, LittleEndian.u32(b, MC_RESERVED + 8) & 0xffffffffL);
            UserFrame.set(frame, UserFrame.FPCR, LittleEndian.u32(b, MC_RESERVED + 12) & 0xffffffffL);
            for (int q = 0; q < 64; q++) UserFrame.set(frame, UserFrame.QREGS + 8 * q, LittleEndian.u64(b, MC_RESERVED + 16 + 8 * q));
            UserFrame.fpChanged(frame);
        }
        mask[0] = LittleEndian.u64(b, UC_SIGMASK);
        return 0;
    }
}
