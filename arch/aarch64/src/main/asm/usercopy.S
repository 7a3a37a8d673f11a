// Copies between kernel memory and user memory (lichen.arch.aarch64.UserMemory).
//
// Every access to user memory is an unprivileged load or store, LDTR/LDTRB or
// STTR/STTRB (ARM ARM C6.2, "Load/Store Register (unprivileged)"): executed at
// EL1 it is checked against the EL0 permissions of the page, so a kernel page,
// a page EL0 may not write, or no page at all faults here, and PSTATE.PAN does
// not stop it (ARM ARM D8, "Privileged access never").
//
// Each such instruction is listed in __ex_table with a fixup address
// (the user_access macro): on a data abort at a listed PC the trap handler
// (Traps, UserMemory.abort) either makes the page present and resumes the same
// instruction, or resumes at the fixup. The fixups leave the routine with what
// was not done, so the caller can finish in software or report EFAULT.
//
// The user side is brought to 8-byte alignment before the word loop, so one
// LDTR/STTR never spans two pages: a fault names one page (FAR_EL1) and the
// bytes before it are done. The kernel side may be unaligned (SCTLR_EL1.A is 0).
//
// Only x0..x7 and x9..x11 are used (caller-saved in the AAPCS64), no stack.

// \insn at a PC the exception table maps to \fixup.
    .macro user_access fixup, insn:vararg
9999:   \insn
    .pushsection __ex_table, "a"
    .balign 8
    .quad   9999b, \fixup
    .popsection
    .endm

    .text

// long lichen_copy_from_user(long kernelDst, long userSrc, long n): the bytes
// not copied (0: all of them). x0 kernel cursor, x1 user cursor, x2 bytes left.
    .globl  lichen_copy_from_user
    .type   lichen_copy_from_user, %function
    .balign 16
lichen_copy_from_user:
    cbz     x2, 90f
1:  tst     x1, #7                  // bytes until the user side is aligned
    b.eq    2f
    user_access 90f, ldtrb w3, [x1]
    strb    w3, [x0], #1
    add     x1, x1, #1
    subs    x2, x2, #1
    b.ne    1b
    b       90f
2:  cmp     x2, #64                 // 64 bytes a turn; a fault mid-turn leaves them all counted as not copied
    b.lo    4f
3:  user_access 90f, ldtr x3, [x1]
    user_access 90f, ldtr x4, [x1, #8]
    user_access 90f, ldtr x5, [x1, #16]
    user_access 90f, ldtr x6, [x1, #24]
    user_access 90f, ldtr x7, [x1, #32]
    user_access 90f, ldtr x9, [x1, #40]
    user_access 90f, ldtr x10, [x1, #48]
    user_access 90f, ldtr x11, [x1, #56]
    stp     x3, x4, [x0]
    stp     x5, x6, [x0, #16]
    stp     x7, x9, [x0, #32]
    stp     x10, x11, [x0, #48]
    add     x0, x0, #64
    add     x1, x1, #64
    sub     x2, x2, #64
    cmp     x2, #64
    b.hs    3b
4:  cmp     x2, #8
    b.lo    5f
    user_access 90f, ldtr x3, [x1]
    str     x3, [x0], #8
    add     x1, x1, #8
    sub     x2, x2, #8
    b       4b
5:  cbz     x2, 90f
6:  user_access 90f, ldtrb w3, [x1]
    strb    w3, [x0], #1
    add     x1, x1, #1
    subs    x2, x2, #1
    b.ne    6b
90: mov     x0, x2
    ret
    .size   lichen_copy_from_user, . - lichen_copy_from_user

// long lichen_copy_to_user(long userDst, long kernelSrc, long n): the bytes not
// copied. x0 user cursor, x1 kernel cursor, x2 bytes left.
    .globl  lichen_copy_to_user
    .type   lichen_copy_to_user, %function
    .balign 16
lichen_copy_to_user:
    cbz     x2, 90f
1:  tst     x0, #7
    b.eq    2f
    ldrb    w3, [x1]
    user_access 90f, sttrb w3, [x0]
    add     x0, x0, #1
    add     x1, x1, #1
    subs    x2, x2, #1
    b.ne    1b
    b       90f
2:  cmp     x2, #64
    b.lo    4f
3:  ldp     x3, x4, [x1]
    ldp     x5, x6, [x1, #16]
    ldp     x7, x9, [x1, #32]
    ldp     x10, x11, [x1, #48]
    user_access 90f, sttr x3, [x0]
    user_access 90f, sttr x4, [x0, #8]
    user_access 90f, sttr x5, [x0, #16]
    user_access 90f, sttr x6, [x0, #24]
    user_access 90f, sttr x7, [x0, #32]
    user_access 90f, sttr x9, [x0, #40]
    user_access 90f, sttr x10, [x0, #48]
    user_access 90f, sttr x11, [x0, #56]
    add     x0, x0, #64
    add     x1, x1, #64
    sub     x2, x2, #64
    cmp     x2, #64
    b.hs    3b
4:  cmp     x2, #8
    b.lo    5f
    ldr     x3, [x1], #8
    user_access 90f, sttr x3, [x0]
    add     x0, x0, #8
    sub     x2, x2, #8
    b       4b
5:  cbz     x2, 90f
6:  ldrb    w3, [x1], #1
    user_access 90f, sttrb w3, [x0]
    add     x0, x0, #1
    subs    x2, x2, #1
    b.ne    6b
90: mov     x0, x2
    ret
    .size   lichen_copy_to_user, . - lichen_copy_to_user

// long lichen_clear_user(long userDst, long n): zeroes n bytes; the bytes not cleared.
    .globl  lichen_clear_user
    .type   lichen_clear_user, %function
    .balign 16
lichen_clear_user:
    cbz     x1, 90f
1:  tst     x0, #7
    b.eq    2f
    user_access 90f, sttrb wzr, [x0]
    add     x0, x0, #1
    subs    x1, x1, #1
    b.ne    1b
    b       90f
2:  cmp     x1, #8
    b.lo    5f
    user_access 90f, sttr xzr, [x0]
    add     x0, x0, #8
    sub     x1, x1, #8
    b       2b
5:  cbz     x1, 90f
6:  user_access 90f, sttrb wzr, [x0]
    add     x0, x0, #1
    subs    x1, x1, #1
    b.ne    6b
90: mov     x0, x1
    ret
    .size   lichen_clear_user, . - lichen_clear_user

// long lichen_strnlen_user(long userSrc, long limit): the index of the first NUL
// among the first limit bytes, limit when there is none, -1 on a fault.
    .globl  lichen_strnlen_user
    .type   lichen_strnlen_user, %function
    .balign 16
lichen_strnlen_user:
    mov     x2, #0
1:  cmp     x2, x1
    b.hs    2f
    user_access 91f, ldtrb w3, [x0]
    cbz     w3, 2f
    add     x0, x0, #1
    add     x2, x2, #1
    b       1b
2:  mov     x0, x2
    ret
91: mov     x0, #-1
    ret
    .size   lichen_strnlen_user, . - lichen_strnlen_user

// long lichen_strncpy_from_user(long kernelDst, long userSrc, long limit): copies
// bytes up to and including the first NUL, at most limit of them; the string's
// length (the NUL's index) when a NUL came, limit when none did, -1 on a fault.
    .globl  lichen_strncpy_from_user
    .type   lichen_strncpy_from_user, %function
    .balign 16
lichen_strncpy_from_user:
    mov     x3, #0
1:  cmp     x3, x2
    b.hs    2f
    user_access 91f, ldtrb w4, [x1]
    strb    w4, [x0], #1
    cbz     w4, 2f
    add     x1, x1, #1
    add     x3, x3, #1
    b       1b
2:  mov     x0, x3
    ret
91: mov     x0, #-1
    ret
    .size   lichen_strncpy_from_user, . - lichen_strncpy_from_user

// long lichen_store_user64(long userDst, long value) and lichen_store_user32:
// one aligned store; 0, or -1 on a fault.
    .globl  lichen_store_user64
    .type   lichen_store_user64, %function
    .balign 16
lichen_store_user64:
    user_access 91f, sttr x1, [x0]
    mov     x0, #0
    ret
91: mov     x0, #-1
    ret
    .size   lichen_store_user64, . - lichen_store_user64

    .globl  lichen_store_user32
    .type   lichen_store_user32, %function
lichen_store_user32:
    user_access 91f, sttr w1, [x0]
    mov     x0, #0
    ret
91: mov     x0, #-1
    ret
    .size   lichen_store_user32, . - lichen_store_user32
