// Entry from and return to EL0 (ARM ARM D1.10, "Exception entry"; D1.11, ERET).
//
// An exception from EL0 lands on the running thread's kernel stack: SP_EL1 is
// where lichen_enter_user left it, just above the user frame, so the frame a
// trap saves is the thread's whole user state, and a system call that sleeps
// keeps it on its own stack (the thread is a stackful continuation). The frame
// holds what the kernel's own code may change before the return: x0..x30, the
// exception registers, SP_EL0, TPIDR_EL0 and the FP/SIMD state (glibc uses NEON
// for memcpy and strlen; kernel code may use FP in @FloatingPoint methods).
//
// User frame (lichen.kernel.proc.UserFrame): x0..x30 at 8*n, ELR at 248, SPSR
// at 256, ESR at 264, FAR at 272, SP_EL0 at 280, TPIDR_EL0 at 288, FPCR at
// 296, FPSR at 304, Q0..Q31 at 320 + 16*n; 832 bytes. The first 288 bytes are
// the kernel trap frame's layout (vectors.S), so lichen_trap reads both alike.

#include "gprs.h"

#define UFRAME 832
#define QREGS 320

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
    mrs     x1, fpcr
    mrs     x2, fpsr
    stp     x1, x2, [sp, #296]
    add     x1, sp, #QREGS
    stp     q0, q1, [x1, #0]
    stp     q2, q3, [x1, #32]
    stp     q4, q5, [x1, #64]
    stp     q6, q7, [x1, #96]
    stp     q8, q9, [x1, #128]
    stp     q10, q11, [x1, #160]
    stp     q12, q13, [x1, #192]
    stp     q14, q15, [x1, #224]
    stp     q16, q17, [x1, #256]
    stp     q18, q19, [x1, #288]
    stp     q20, q21, [x1, #320]
    stp     q22, q23, [x1, #352]
    stp     q24, q25, [x1, #384]
    stp     q26, q27, [x1, #416]
    stp     q28, q29, [x1, #448]
    stp     q30, q31, [x1, #480]
    mov     x29, #0                 // kernel backtraces end at the user boundary
    mov     x1, x0
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
    // fall through

// Restores the user frame at sp and returns to EL0. IRQs are masked first: an
// interrupt taken between writing ELR_EL1 and the ERET would overwrite it.
user_return:
    msr     daifset, #2
    add     x1, sp, #QREGS
    ldp     q0, q1, [x1, #0]
    ldp     q2, q3, [x1, #32]
    ldp     q4, q5, [x1, #64]
    ldp     q6, q7, [x1, #96]
    ldp     q8, q9, [x1, #128]
    ldp     q10, q11, [x1, #160]
    ldp     q12, q13, [x1, #192]
    ldp     q14, q15, [x1, #224]
    ldp     q16, q17, [x1, #256]
    ldp     q18, q19, [x1, #288]
    ldp     q20, q21, [x1, #320]
    ldp     q22, q23, [x1, #352]
    ldp     q24, q25, [x1, #384]
    ldp     q26, q27, [x1, #416]
    ldp     q28, q29, [x1, #448]
    ldp     q30, q31, [x1, #480]
    ldp     x1, x2, [sp, #296]
    msr     fpcr, x1
    msr     fpsr, x2
    ldp     x1, x2, [sp, #280]
    msr     sp_el0, x1
    msr     tpidr_el0, x2
    ldp     x1, x2, [sp, #248]
    msr     elr_el1, x1
    msr     spsr_el1, x2
    restore_x0_to_x30
    add     sp, sp, #UFRAME
    eret
