// Switching between kernel tasks' stacks (lichen.arch.aarch64.StackContinuations).
//
// lichen_switch(save, load): saves the callee-saved registers of the AArch64
// procedure call standard (x19-x30; there are no FP registers in the kernel),
// the stack pointer and the task's chain of exception handlers (jcc.handlers,
// which belongs to the stack it describes) into the context at x0, loads them
// from the context at x1, and returns on the loaded stack.
//
// Context: x19..x30 at 0..88, sp at 96, jcc_handlers at 104.

    .text
    .globl  lichen_switch
    .type   lichen_switch, %function
lichen_switch:
    stp     x19, x20, [x0, #0]
    stp     x21, x22, [x0, #16]
    stp     x23, x24, [x0, #32]
    stp     x25, x26, [x0, #48]
    stp     x27, x28, [x0, #64]
    stp     x29, x30, [x0, #80]
    mov     x9, sp
    str     x9, [x0, #96]
    adrp    x10, jcc.handlers
    ldr     x11, [x10, :lo12:jcc.handlers]
    str     x11, [x0, #104]
    ldp     x19, x20, [x1, #0]
    ldp     x21, x22, [x1, #16]
    ldp     x23, x24, [x1, #32]
    ldp     x25, x26, [x1, #48]
    ldp     x27, x28, [x1, #64]
    ldp     x29, x30, [x1, #80]
    ldr     x9, [x1, #96]
    mov     sp, x9
    ldr     x11, [x1, #104]
    str     x11, [x10, :lo12:jcc.handlers]
    ret

// A new task's first return lands here, on its own stack: run its body.
    .globl  lichen_task_start
    .type   lichen_task_start, %function
lichen_task_start:
    mov     x29, #0                 // the task's backtraces end here
    bl      lichen_task_main
    brk     #1                      // lichen_task_main never returns
