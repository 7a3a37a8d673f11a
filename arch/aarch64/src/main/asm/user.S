// Entry from and return to EL0 (ARM ARM D1.10, "Exception entry"; D1.11, ERET).
//
// An exception from EL0 lands on the running thread's kernel stack: SP_EL1 is
// where lichen_enter_user left it, just above the user frame, so the frame a
// trap saves is the thread's whole user state, and a system call that sleeps
// keeps it on its own stack (the thread is a stackful continuation). The frame
// holds what the kernel's own code may change before the return: x0..x30, the
// exception registers, SP_EL0 and TPIDR_EL0. The FP/SIMD part (glibc uses NEON
// for memcpy and strlen) is filled lazily: the kernel is compiled without
// FP/SIMD, so the registers keep the last user thread's state until another
// user thread returns to EL0 (lichen_fp_owner, at the end).
//
// User frame (lichen.kernel.proc.UserFrame): x0..x30 at 8*n, ELR at 248, SPSR
// at 256, ESR at 264, FAR at 272, SP_EL0 at 280, TPIDR_EL0 at 288, FPCR at
// 296, FPSR at 304, Q0..Q31 at 320 + 16*n; 832 bytes. The first 288 bytes are
// the kernel trap frame's layout (vectors.S), so lichen_trap reads both alike.

#include "gprs.h"

#define UFRAME 832
#define QREGS 320


// save_fp frame, t1, t2 / load_fp frame, t1, t2: FPCR, FPSR and Q0..Q31 to or from the user frame at \frame.
.macro save_fp frame, t1, t2
    mrs     \t1, fpcr
    mrs     \t2, fpsr
    stp     \t1, \t2, [\frame, #296]
    add     \t1, \frame, #QREGS
    stp     q0, q1, [\t1, #0]
    stp     q2, q3, [\t1, #32]
    stp     q4, q5, [\t1, #64]
    stp     q6, q7, [\t1, #96]
    stp     q8, q9, [\t1, #128]
    stp     q10, q11, [\t1, #160]
    stp     q12, q13, [\t1, #192]
    stp     q14, q15, [\t1, #224]
    stp     q16, q17, [\t1, #256]
    stp     q18, q19, [\t1, #288]
    stp     q20, q21, [\t1, #320]
    stp     q22, q23, [\t1, #352]
    stp     q24, q25, [\t1, #384]
    stp     q26, q27, [\t1, #416]
    stp     q28, q29, [\t1, #448]
    stp     q30, q31, [\t1, #480]
.endm

.macro load_fp frame, t1, t2
    add     \t1, \frame, #QREGS
    ldp     q0, q1, [\t1, #0]
    ldp     q2, q3, [\t1, #32]
    ldp     q4, q5, [\t1, #64]
    ldp     q6, q7, [\t1, #96]
    ldp     q8, q9, [\t1, #128]
    ldp     q10, q11, [\t1, #160]
    ldp     q12, q13, [\t1, #192]
    ldp     q14, q15, [\t1, #224]
    ldp     q16, q17, [\t1, #256]
    ldp     q18, q19, [\t1, #288]
    ldp     q20, q21, [\t1, #320]
    ldp     q22, q23, [\t1, #352]
    ldp     q24, q25, [\t1, #384]
    ldp     q26, q27, [\t1, #416]
    ldp     q28, q29, [\t1, #448]
    ldp     q30, q31, [\t1, #480]
    ldp     \t1, \t2, [\frame, #296]
    msr     fpcr, \t1
    msr     fpsr, \t2
.endm

// fp_owner_slot slot, t: \slot = the address of this CPU's lichen_fp_owner word (TPIDR_EL1 is the CPU's number).
.macro fp_owner_slot slot, t
    adrp    \slot, lichen_fp_owner
    add     \slot, \slot, :lo12:lichen_fp_owner
    mrs     \t, tpidr_el1
    add     \slot, \slot, \t, lsl #3
.endm

// vectors.S's lower-EL entries branch here with x0, x1 saved at [sp] and the
// entry number in x0.
    .text
    .globl  lichen_user_trap
    .type   lichen_user_trap, %function
lichen_user_trap:
    save_x2_to_x30
    mrs     x1, elr_el1
    mrs     x2, spsr_el1
    stp     x1, x2, [sp, #248]
    mrs     x1, esr_el1
    mrs     x2, far_el1
    stp     x1, x2, [sp, #264]
    mrs     x1, sp_el0
    mrs     x2, tpidr_el0
    stp     x1, x2, [sp, #280]
    // FP/SIMD state stays in the registers (lichen_fp_owner, below): the kernel is built without FP/SIMD.
    mov     x29, #0                 // kernel backtraces end at the user boundary
    mov     x19, x0                 // (x19 is saved in the frame)
    bl      lichen_bkl_acquire      // before any Java: the kernel's state is the big lock holder's
    mov     x1, x19
    mov     x0, sp
    bl      lichen_trap
    b       user_return

// lichen_enter_user(frame): the first return to EL0 of a thread (exec, or a
// forked child): the user frame at x0 is copied onto this stack, where the
// thread's next trap will save its state, and restored. Never returns.
    .globl  lichen_enter_user
    .type   lichen_enter_user, %function
lichen_enter_user:
    msr     daifset, #0xf
    sub     sp, sp, #UFRAME
    mov     x1, sp
    mov     x2, #UFRAME
1:  ldp     x3, x4, [x0], #16
    stp     x3, x4, [x1], #16
    subs    x2, x2, #16
    b.ne    1b
    // This stack's frame is a new program's or a new thread's: load its FP/SIMD state whatever the owner was.
    fp_owner_slot x1, x2
    ldr     x2, [x1]
    mov     x3, sp
    cmp     x2, x3
    b.eq    3f                      // this stack's old program: its state is dropped
    cbz     x2, 3f
    save_fp x2, x4, x5
3:  str     xzr, [x1]
    // fall through

// Restores the user frame at sp and returns to EL0. IRQs are masked first: an
// interrupt taken between writing ELR_EL1 and the ERET would overwrite it.
user_return:
    msr     daifset, #2
    fp_owner_slot x1, x2
    ldr     x2, [x1]
    mov     x3, sp
    cmp     x2, x3
    b.eq    2f                      // the registers hold this thread's FP/SIMD state already
    cbz     x2, 1f
    save_fp x2, x4, x5              // another thread's state: into its frame first
1:  load_fp x3, x4, x5
    str     x3, [x1]
2:
    bl      lichen_bkl_release      // IRQs are masked: nothing runs between this and the ERET
    ldp     x1, x2, [sp, #280]
    msr     sp_el0, x1
    msr     tpidr_el0, x2
    ldp     x1, x2, [sp, #248]
    msr     elr_el1, x1
    msr     spsr_el1, x2
    restore_x0_to_x30
    add     sp, sp, #UFRAME
    eret

// Lazy FP/SIMD (Linux's fpsimd_last_state): lichen_fp_owner is the user frame whose FP/SIMD state is in
// the registers, or 0. A trap from EL0 leaves it there; the return to EL0 of another thread saves it into
// its owner's frame and loads the returning thread's. Kernel code that reads or writes a frame's FP/SIMD
// part calls these first, with IRQs masked so that no switch comes between the check and the copy.
// Each CPU has its own owner word: its registers are its own. User threads run on the boot CPU only
// (docs/kernel.md, "SMP"), so a frame's state is never in another CPU's registers; once threads move, a
// thread's state must be saved when it stops running on a CPU, before another CPU may load its frame.

// lichen_fp_flush(frame): if the registers hold frame's state, store it into frame (they keep it).
    .globl  lichen_fp_flush
    .type   lichen_fp_flush, %function
lichen_fp_flush:
    mrs     x9, daif
    msr     daifset, #2
    fp_owner_slot x1, x2
    ldr     x2, [x1]
    cmp     x2, x0
    b.ne    1f
    save_fp x0, x3, x4
1:  msr     daif, x9
    ret

// lichen_fp_invalidate(frame): frame's FP/SIMD part was written (or the frame is going): if the registers
// held it, they hold nothing now, and the next return to EL0 loads what the frame says.
    .globl  lichen_fp_invalidate
    .type   lichen_fp_invalidate, %function
lichen_fp_invalidate:
    mrs     x9, daif
    msr     daifset, #2
    fp_owner_slot x1, x2
    ldr     x2, [x1]
    cmp     x2, x0
    b.ne    1f
    str     xzr, [x1]
1:  msr     daif, x9
    ret

// lichen_fp_release(): the kernel is about to use the FP/SIMD registers (a @FloatingPoint method): the
// owner's state goes into its frame.
    .globl  lichen_fp_release
    .type   lichen_fp_release, %function
lichen_fp_release:
    mrs     x9, daif
    msr     daifset, #2
    fp_owner_slot x1, x2
    ldr     x2, [x1]
    cbz     x2, 1f
    save_fp x2, x3, x4
    str     xzr, [x1]
1:  msr     daif, x9
    ret

// The big kernel lock (docs/kernel.md, "SMP"): held by the CPU that runs kernel code, given up at the
// return to EL0, while idle and between two tasks' turns. Off (every call returns at once) until
// lichen_bkl_enable: one CPU runs all kernel code then anyway. A ticket lock, so a CPU that gives it up
// and asks again goes behind the CPUs already waiting: lichen_bkl_next is the next ticket to hand out,
// lichen_bkl_owner the ticket being served; lichen_bkl_cpu is 1 + the holder's number (TPIDR_EL1), 0
// when free. jcc.handlers, the running code's chain of exception handlers, is the holder's: a CPU's own
// is kept in lichen_bkl_handlers while it does not hold the lock. Each uses x9-x13 only.
    .globl  lichen_bkl_acquire
    .type   lichen_bkl_acquire, %function
lichen_bkl_acquire:
    adrp    x9, lichen_bkl_enabled
    ldr     x10, [x9, :lo12:lichen_bkl_enabled]
    cbz     x10, 3f
    adrp    x9, lichen_bkl_next
    add     x9, x9, :lo12:lichen_bkl_next
1:  ldaxr   x10, [x9]               // take a ticket
    add     x11, x10, #1
    stxr    w12, x11, [x9]
    cbnz    w12, 1b
    adrp    x9, lichen_bkl_owner
    add     x9, x9, :lo12:lichen_bkl_owner
    ldar    x11, [x9]
    cmp     x11, x10
    b.eq    4f                      // free: no wait to count
    mrs     x13, cntvct_el0         // contended: the wait is timed (lichen_bkl_stats)
    sevl                            // the first WFE falls through
2:  wfe                             // TCG runs WFE as a yield to the other vCPUs: the holder gets on
    ldaxr   x11, [x9]               // (exclusive: the holder's store to it sends the event)
    cmp     x11, x10
    b.ne    2b
    mrs     x11, cntvct_el0
    sub     x13, x11, x13
    mrs     x11, tpidr_el1
    adrp    x9, lichen_bkl_stats
    add     x9, x9, :lo12:lichen_bkl_stats
    add     x9, x9, x11, lsl #5
    ldp     x10, x12, [x9, #8]
    add     x10, x10, #1
    add     x12, x12, x13
    stp     x10, x12, [x9, #8]
4:  mrs     x11, tpidr_el1
    adrp    x9, lichen_bkl_stats    // this CPU's acquisitions
    add     x9, x9, :lo12:lichen_bkl_stats
    add     x9, x9, x11, lsl #5
    ldr     x10, [x9]
    add     x10, x10, #1
    str     x10, [x9]
    add     x12, x11, #1
    adrp    x9, lichen_bkl_cpu
    str     x12, [x9, :lo12:lichen_bkl_cpu]
    adrp    x9, lichen_bkl_handlers
    add     x9, x9, :lo12:lichen_bkl_handlers
    ldr     x10, [x9, x11, lsl #3]
    adrp    x9, jcc.handlers
    str     x10, [x9, :lo12:jcc.handlers]
3:  ret

    .globl  lichen_bkl_release
    .type   lichen_bkl_release, %function
lichen_bkl_release:
    adrp    x9, lichen_bkl_enabled
    ldr     x10, [x9, :lo12:lichen_bkl_enabled]
    cbz     x10, 1f
    adrp    x9, jcc.handlers
    ldr     x10, [x9, :lo12:jcc.handlers]
    mrs     x11, tpidr_el1
    adrp    x9, lichen_bkl_handlers
    add     x9, x9, :lo12:lichen_bkl_handlers
    str     x10, [x9, x11, lsl #3]
    adrp    x9, lichen_bkl_cpu
    str     xzr, [x9, :lo12:lichen_bkl_cpu]
    adrp    x9, lichen_bkl_owner
    add     x9, x9, :lo12:lichen_bkl_owner
    ldr     x10, [x9]
    add     x10, x10, #1
    stlr    x10, [x9]               // release: every store before it is seen first (ARM ARM B2.3.9)
    sev
1:  ret

// lichen_bkl_enable(): from now on the lock is taken and given up; the caller (the boot CPU, while no
// other CPU runs kernel code) holds it: ticket 0 is being served and was its.
    .globl  lichen_bkl_enable
    .type   lichen_bkl_enable, %function
lichen_bkl_enable:
    mrs     x11, tpidr_el1
    add     x12, x11, #1
    adrp    x9, lichen_bkl_cpu
    str     x12, [x9, :lo12:lichen_bkl_cpu]
    mov     x10, #1
    adrp    x9, lichen_bkl_next
    str     x10, [x9, :lo12:lichen_bkl_next]
    adrp    x9, lichen_bkl_enabled
    str     x10, [x9, :lo12:lichen_bkl_enabled]
    dmb     ish
    ret

// lichen_bkl_holder(): 1 + the holding CPU's number, 0 when free (or the lock is off).
    .globl  lichen_bkl_holder
    .type   lichen_bkl_holder, %function
lichen_bkl_holder:
    adrp    x9, lichen_bkl_cpu
    ldr     x0, [x9, :lo12:lichen_bkl_cpu]
    ret

    .data
    .balign 8
lichen_bkl_next:
    .quad   0
lichen_bkl_owner:
    .quad   0
lichen_bkl_cpu:
    .quad   0
lichen_bkl_enabled:
    .quad   0
lichen_bkl_handlers:
    .space  8 * 64                  // one word a CPU (SecondaryCpus.MAX_CPUS)
// Four words a CPU: acquisitions, acquisitions that waited, generic-timer ticks waited, unused
// (BigLockStatistics reads them through boot.S's lichen_image_layout).
    .globl  lichen_bkl_stats
lichen_bkl_stats:
    .space  32 * 64
    .globl  lichen_fp_owner
lichen_fp_owner:
    .space  8 * 64                  // one word a CPU (SecondaryCpus.MAX_CPUS)
