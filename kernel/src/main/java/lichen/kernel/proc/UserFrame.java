package lichen.kernel.proc;

import lichen.api.Cpu;
import lichen.api.Mmio;
import lichen.api.Syscall;
import lichen.api.Unsafe;

/**
 * A user thread's saved state, as arch/aarch64's user.S lays it out on the
 * thread's kernel stack at each exception from EL0: x0..x30, ELR_EL1 (the user
 * PC), SPSR_EL1, ESR_EL1, FAR_EL1, SP_EL0, TPIDR_EL0, FPCR, FPSR and Q0..Q31.
 * The FP/SIMD part is lazy: the registers keep the state of the thread that
 * last ran at EL0 until another one returns there, so code that reads that
 * part of a frame calls {@link #flushFp} first, and code that writes it (or
 * drops the frame) calls {@link #fpChanged} after.
 * A system call reads its arguments from x0..x5 and its number from x8 and
 * leaves its result in x0 (the arm64 Linux syscall ABI, man syscall(2)).
 */
@Unsafe
public final class UserFrame {
    public static final int BYTES = 832;
    public static final int ELR = 248, SPSR = 256, ESR = 264, FAR = 272, SP = 280, TPIDR = 288, FPCR = 296, FPSR = 304, QREGS = 320;
    /** SPSR for EL0t, AArch64, interrupts unmasked (ARM ARM C5.2.18). */
    public static final long SPSR_EL0 = 0;

    private UserFrame() {}

    public static long x(long frame, int n) { return Mmio.read64(frame + 8L * n); }

    public static void setX(long frame, int n, long v) { Mmio.write64(frame + 8L * n, v); }

    public static long get(long frame, int offset) { return Mmio.read64(frame + offset); }

    public static void set(long frame, int offset, long v) { Mmio.write64(frame + offset, v); }

    /** The address of a frame kept in a Java array (a thread's first frame, before it is on its stack). */
    public static long address(long[] buffer) { return Syscall.addressOf(buffer); }

    /** The first return to EL0 from the frame in {@code buffer} (arch's lichen_enter_user). Never returns. */
    public static void enter(long[] buffer) { Cpu.enterUser(address(buffer)); }

    /** Brings the frame's FPCR, FPSR and Q0..Q31 up to date from the registers, if they hold its state. */
    public static void flushFp(long frame) { Cpu.flushUserFp(frame); }

    /** The frame's FP/SIMD part was written, or the frame is going: the next return to EL0 loads what it holds. */
    public static void fpChanged(long frame) { Cpu.invalidateUserFp(frame); }

    /** Copies one whole frame (fork's child starts from its parent's state), its FP/SIMD state up to date. */
    public static void copy(long dst, long src) {
        flushFp(src);
        for (int off = 0; off < BYTES; off += 8) Mmio.write64(dst + off, Mmio.read64(src + off));
    }

    /** A frame that starts a program: every register zero, PC at {@code entry}, SP at {@code sp}. */
    public static void initialise(long frame, long entry, long sp) {
        for (int off = 0; off < BYTES; off += 8) Mmio.write64(frame + off, 0);
        set(frame, ELR, entry);
        set(frame, SPSR, SPSR_EL0);
        set(frame, SP, sp);
    }
}
