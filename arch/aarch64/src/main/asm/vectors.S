// The exception vector table (ARM ARM D1.10.2): sixteen 128-byte entries, in
// four groups of synchronous / IRQ / FIQ / SError for: the current EL using
// SP_EL0, the current EL using SP_ELx, a lower EL in AArch64, a lower EL in
// AArch32. Every entry saves the interrupted state as a trap frame on the
// stack and calls lichen_trap(frame, entry) (lichen.arch.aarch64.Traps), which
// may change the frame (ELR to resume elsewhere); then the state is restored.
//
// Trap frame: x0..x30 at 8*n, ELR at 248, SPSR at 256, ESR at 264, FAR at 272,
// the interrupted SP at 280; 288 bytes.

    .macro vector_entry number
    .balign 0x80
    sub     sp, sp, #288
    stp     x0, x1, [sp, #0]
    mov     x0, #\number
    b       trap_common
    .endm

    .text
    .balign 0x800
    .globl  lichen_vectors
lichen_vectors:
    vector_entry 0
    vector_entry 1
    vector_entry 2
    vector_entry 3
    vector_entry 4
    vector_entry 5
    vector_entry 6
    vector_entry 7
    vector_entry 8
    vector_entry 9
    vector_entry 10
    vector_entry 11
    vector_entry 12
    vector_entry 13
    vector_entry 14
    vector_entry 15

trap_common:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    str     x30, [sp, #240]
    mrs     x1, elr_el1
    str     x1, [sp, #248]
    mrs     x1, spsr_el1
    str     x1, [sp, #256]
    mrs     x1, esr_el1
    str     x1, [sp, #264]
    mrs     x1, far_el1
    str     x1, [sp, #272]
    add     x1, sp, #288
    str     x1, [sp, #280]
    mov     x1, x0
    mov     x0, sp
    bl      lichen_trap
    ldr     x1, [sp, #248]
    msr     elr_el1, x1
    ldr     x1, [sp, #256]
    msr     spsr_el1, x1
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    ldp     x0, x1, [sp, #0]
    add     sp, sp, #288
    eret
