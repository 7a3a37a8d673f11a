// The kernel's first instructions. QEMU (and real boot loaders) load an arm64
// Image and enter it at its first byte with the MMU off and x0 holding the
// device tree's physical address (Linux, Documentation/arch/arm64/booting.rst).

    .section .text.head, "ax"
    .globl _head
_head:
    b       _start                  // code0: branch to the real entry
    .long   0                       // code1
    .quad   0x80000                 // text_offset: where in a 2 MiB block the image goes
    .quad   _image_size             // image_size: the whole image, bss and boot stack included
    .quad   0x2                     // flags: little-endian, 4 KiB pages, placed at text_offset
    .quad   0, 0, 0                 // res2..res4
    .ascii  "ARM\x64"               // magic
    .long   0                       // res5: no PE header

    .text
    .globl _start
_start:
    mov     x19, x0                 // keep the device tree
    mrs     x1, CurrentEL
    lsr     x1, x1, #2
    cmp     x1, #2
    b.ne    at_el1
    // Entered at EL2 (QEMU with virtualization=on, or firmware that leaves us there):
    // run EL1 as AArch64 (HCR_EL2.RW), let EL1 use the physical timer and counter
    // (CNTHCTL_EL2.EL1PCTEN|EL1PCEN), and return to EL1h with interrupts masked.
    mov     x1, #(1 << 31)
    msr     hcr_el2, x1
    mov     x1, #3
    msr     cnthctl_el2, x1
    msr     cntvoff_el2, xzr
    mov     x1, #0x3c5
    msr     spsr_el2, x1
    adr     x1, at_el1
    msr     elr_el2, x1
    eret
at_el1:
    ldr     x1, =_boot_stack_top
    mov     sp, x1
    ldr     x1, =__bss_start        // the bss is not in the file: zero it
    ldr     x2, =__bss_end
zero_bss:
    cmp     x1, x2
    b.hs    bss_done
    str     xzr, [x1], #8
    b       zero_bss
bss_done:
    ldr     x1, =lichen_vectors     // exceptions from here on are reported (vectors.S)
    msr     vbar_el1, x1
    isb
    mov     x29, #0                 // the end of every backtrace
    mov     x30, #0
    mov     x0, x19
    ldr     x1, =_kernel_end        // the first byte no part of the image uses
    bl      jcc_entry
halt:
    wfi
    b       halt
