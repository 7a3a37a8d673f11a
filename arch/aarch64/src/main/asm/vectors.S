// The exception vector table (ARM ARM D1.10.2): sixteen 128-byte entries, in
// four groups of synchronous / IRQ / FIQ / SError for: the current EL using
// SP_EL0, the current EL using SP_ELx, a lower EL in AArch64, a lower EL in
// AArch32. Every entry saves the interrupted state as a trap frame on the
// stack and calls lichen_trap(frame, entry) (lichen.arch.aarch64.Traps), which
// may change the frame (ELR to resume elsewhere); then the state is restored.
//
// Trap frame: x0..x30 at 8*n, ELR at 248, SPSR at 256, ESR at 264, FAR at 272,
// the interrupted SP at 280; 288 bytes. The entries from a lower EL save the
// larger user frame instead (user.S), which begins with the same layout.
//
// Kernel stacks overflow into an unmapped guard: each is STACK_SIZE bytes in the
// upper half of a slot aligned to twice that (kernel.ld, KernelLayout), so a
// stack pointer still on its stack has bit STACK_SHIFT set. Pushing a frame onto
// an overflowed stack would fault again, forever; so the entries that run on
// SP_EL1 from EL1 test that bit first (without a free register: sp + x0 - sp recovers
// x0) and, when it is clear, move to the overflow stack and call
// lichen_trap(frame, 16) with the overflowed SP in the frame.

#include "gprs.h"

#define STACK_SHIFT 14
#define FRAME 288
#define UFRAME 832
#define ENTRY_STACK_OVERFLOW 16

    .macro vector_entry number
    .balign 0x80
    sub     sp, sp, #FRAME
    stp     x0, x1, [sp, #0]
    mov     x0, #\number
    b       trap_common
    .endm

    // From EL0: the full user frame (user.S), on the thread's kernel stack.
    .macro user_vector_entry number
    .balign 0x80
    sub     sp, sp, #UFRAME
    stp     x0, x1, [sp, #0]
    mov     x0, #\number
    b       lichen_user_trap
    .endm

    .macro checked_vector_entry number
    .balign 0x80
    sub     sp, sp, #FRAME
    add     sp, sp, x0              // sp' = sp + x0
    sub     x0, sp, x0              // x0 = sp
    tbz     x0, #STACK_SHIFT, 1f
    sub     x0, sp, x0              // x0 back
    sub     sp, sp, x0              // sp back
    stp     x0, x1, [sp, #0]
    mov     x0, #\number
    b       trap_common
1:  sub     x0, sp, x0              // x0 back
    sub     sp, sp, x0              // sp back (in the guard)
    b       stack_overflow
    .endm

    .text
    .balign 0x800
    .globl  lichen_vectors
lichen_vectors:
    vector_entry 0
    vector_entry 1
    vector_entry 2
    vector_entry 3
    checked_vector_entry 4
    checked_vector_entry 5
    checked_vector_entry 6
    checked_vector_entry 7
    user_vector_entry 8
    user_vector_entry 9
    user_vector_entry 10
    user_vector_entry 11
    user_vector_entry 12
    user_vector_entry 13
    user_vector_entry 14
    user_vector_entry 15

// Saves x2..x30 and the exception registers into the frame at sp (x0, x1 are saved).
    .macro save_frame
    save_x2_to_x30
    mrs     x1, elr_el1
    str     x1, [sp, #248]
    mrs     x1, spsr_el1
    str     x1, [sp, #256]
    mrs     x1, esr_el1
    str     x1, [sp, #264]
    mrs     x1, far_el1
    str     x1, [sp, #272]
    add     x1, sp, #FRAME
    str     x1, [sp, #280]
    .endm

trap_common:
    save_frame
    mov     x1, x0
    mov     x0, sp
    bl      lichen_trap
    msr     daifset, #2             // no IRQ between writing ELR_EL1 and the eret
    ldr     x1, [sp, #248]
    msr     elr_el1, x1
    ldr     x1, [sp, #256]
    msr     spsr_el1, x1
    restore_x0_to_x30
    add     sp, sp, #FRAME
    eret

// The stack pointer ran into its guard. Everything but sp is as it was; sp_el0
// and tpidrro_el0 hold scratch values on this path only (an overflow does not
// return to EL0; tpidr_el1 is the CPU's number and is kept). tpidrro_el0, which
// user code could read, is zero again before anything else runs.
stack_overflow:
    msr     tpidrro_el0, x0
    mov     x0, sp
    msr     sp_el0, x0              // the overflowed SP, for the frame
    ldr     x0, =_overflow_stack_top
    mov     sp, x0
    mrs     x0, tpidrro_el0
    msr     tpidrro_el0, xzr
    sub     sp, sp, #FRAME
    stp     x0, x1, [sp, #0]
    save_frame
    mrs     x1, sp_el0
    str     x1, [sp, #280]
    // No exception handler of the overflowed stack may run (it would fault again): an
    // exception thrown from here goes straight to the panic. A stopped task's resumer
    // gets its own chain back from the context switch.
    adrp    x9, jcc.handlers
    str     xzr, [x9, :lo12:jcc.handlers]
    mov     x0, sp
    mov     x1, #ENTRY_STACK_OVERFLOW
    bl      lichen_trap
    brk     #2                      // lichen_trap does not return from an overflow
