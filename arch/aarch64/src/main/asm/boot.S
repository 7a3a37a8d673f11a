// The kernel's first instructions. QEMU (and real boot loaders) load an arm64
// Image and enter it at its first byte with the MMU off and x0 holding the
// device tree's physical address (Linux, Documentation/arch/arm64/booting.rst).
//
// The image is linked in the upper half (kernel.ld), but runs here at its
// physical address: until the MMU is on, only PC-relative addressing (adr,
// adrp) is used. Bootstrap tables then map the image where it was linked
// (TTBR1) and RAM and devices one-to-one (TTBR0, so the instruction after
// the MMU is turned on can be fetched); Java code replaces both with the
// kernel's own tables (lichen_replace_tables, below), which have no identity
// map at all.

// The bootstrap tables' block descriptors (ARM ARM D8.3.1): 1 GiB blocks, access
// flag set. RAM: Normal write-back (MAIR index 0), inner shareable. Devices:
// Device-nGnRE (MAIR index 1), never executable (PXN | UXN).
#define NORMAL_BLOCK    0x701
#define DEVICE_BLOCK    0x0060000000000405
// MAIR_EL1 and TCR_EL1 as lichen.libkernel.mm.MemoryAttributes and lichen.arch.aarch64.Mmu define them.
#define MAIR            0x004404FF
#define TCR             0x2B5103510
// The image's virtual address minus its physical one (kernel.ld, KernelLayout.KERNEL_IMAGE).
#define KERNEL_IMAGE    0xFFFF800000000000
// How many GiB of physical address space the bootstrap tables map (RAM on virt starts at 1 GiB).
#define BOOT_GIB        64

// Entered at EL2 (QEMU with virtualization=on, or firmware that leaves us there): run
// EL1 as AArch64 (HCR_EL2.RW), let EL1 use the physical timer and counter
// (CNTHCTL_EL2.EL1PCTEN|EL1PCEN), and return to EL1h at \label with interrupts masked.
    .macro drop_to_el1 label
    mrs     x1, CurrentEL
    lsr     x1, x1, #2
    cmp     x1, #2
    b.ne    \label
    mov     x1, #(1 << 31)
    msr     hcr_el2, x1
    mov     x1, #3
    msr     cnthctl_el2, x1
    msr     cntvoff_el2, xzr
    mov     x1, #0x3c5
    msr     spsr_el2, x1
    adr     x1, \label
    msr     elr_el2, x1
    eret
    .endm

// CPACR_EL1.FPEN = 0b11: FP/SIMD instructions do not trap. Kernel code is compiled without
// them except methods marked @FloatingPoint (docs/subset.md), which may then run.
    .macro allow_fp
    mov     x1, #(3 << 20)
    msr     cpacr_el1, x1
    isb
    .endm

// The MMU on with the bootstrap tables (TTBR0 root in x0, TTBR1 root in x2), then on to
// \label at its linked address in the upper half.
    .macro mmu_on label
    ldr     x4, =MAIR
    msr     mair_el1, x4
    ldr     x4, =TCR
    msr     tcr_el1, x4
    msr     ttbr0_el1, x0
    msr     ttbr1_el1, x2
    isb
    tlbi    vmalle1
    dsb     nsh
    isb
    mrs     x4, sctlr_el1
    orr     x4, x4, #1              // M: the MMU
    orr     x4, x4, #4              // C: data caching
    orr     x4, x4, #(1 << 12)      // I: instruction caching
    msr     sctlr_el1, x4
    isb
    ldr     x4, =\label
    br      x4
    .endm

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
    drop_to_el1 at_el1
at_el1:
    allow_fp
    adrp    x1, lichen_vectors      // exceptions from here on are reported (vectors.S), at the physical address
    add     x1, x1, :lo12:lichen_vectors
    msr     vbar_el1, x1
    isb
    adrp    x1, __bss_start         // the bss is not in the file: zero it (the bootstrap tables are in it)
    add     x1, x1, :lo12:__bss_start
    adrp    x2, __bss_end
    add     x2, x2, :lo12:__bss_end
zero_bss:
    cmp     x1, x2
    b.hs    bss_done
    str     xzr, [x1], #8
    b       zero_bss
bss_done:
    bl      build_boot_tables
    mmu_on  upper_half              // from here on the kernel runs in the upper half
upper_half:
    ldr     x1, =_boot_stack_top
    mov     sp, x1
    ldr     x1, =lichen_vectors
    msr     vbar_el1, x1
    msr     tpidr_el1, xzr          // this CPU's logical number (lichen.api.Cpu.cpuIndex): the boot CPU is 0
    isb
    mov     x29, #0                 // the end of every backtrace
    mov     x30, #0
    mov     x0, x19
    ldr     x1, =_kernel_end        // the first byte no part of the image uses (a virtual address)
    bl      jcc_entry
halt:
    wfi
    b       halt

// Where a secondary CPU starts (PSCI CPU_ON, lichen.arch.aarch64.SecondaryCpus), MMU off,
// x0 = its logical number (1.., kept in TPIDR_EL1 and indexing its stack slot). The bootstrap tables are still where the boot CPU built them; the
// kernel's own tables and the CPU's stack are in lichen_secondary_boot.
    .globl  lichen_secondary_entry
lichen_secondary_entry:
    mov     x19, x0
    drop_to_el1 secondary_at_el1
secondary_at_el1:
    allow_fp
    adrp    x0, _boot_tables
    add     x2, x0, #8192
    mmu_on  secondary_upper_half
secondary_upper_half:
    ldr     x1, =lichen_vectors
    msr     vbar_el1, x1
    msr     tpidr_el1, x19
    ldr     x20, =lichen_secondary_boot
    ldp     x0, x1, [x20]           // the kernel's TTBR0 and TTBR1 roots
    bl      lichen_replace_tables
    add     x1, x20, #16
    ldr     x1, [x1, x19, lsl #3]   // this CPU's stack top (a guarded kernel stack)
    mov     sp, x1
    mov     x29, #0
    mov     x30, #0
    mov     x0, x19
    bl      lichen_secondary_main
1:  wfi
    b       1b

// Fills the four bootstrap table pages at _boot_tables (physical addresses, MMU off):
// TTBR0's level 0 and level 1 (identity: devices in the first GiB, then RAM), TTBR1's
// level 0 and level 1 (KERNEL_IMAGE + the same RAM). Returns x0 = TTBR0's root,
// x2 = TTBR1's root. Then invalidates the pages from the data cache, since the table
// walker will read them through the cache once it is on and they were written around it.
build_boot_tables:
    adrp    x0, _boot_tables
    add     x1, x0, #4096
    add     x2, x0, #8192
    add     x3, x0, #12288
    orr     x4, x1, #3              // table descriptor
    str     x4, [x0]                // TTBR0 L0[0] -> its L1: VAs 0..512 GiB
    orr     x4, x3, #3
    str     x4, [x2, #(256 * 8)]    // TTBR1 L0[256] -> its L1: KERNEL_IMAGE + 0..512 GiB
    ldr     x4, =DEVICE_BLOCK
    str     x4, [x1]                // the first GiB: QEMU virt's devices
    ldr     x6, =NORMAL_BLOCK
    mov     x5, #1
1:  lsl     x4, x5, #30
    orr     x4, x4, x6
    str     x4, [x1, x5, lsl #3]
    str     x4, [x3, x5, lsl #3]
    add     x5, x5, #1
    cmp     x5, #BOOT_GIB
    b.lo    1b
    dsb     sy
    mrs     x6, ctr_el0             // CTR_EL0.DminLine: log2 of the smallest data cache line in words
    ubfx    x6, x6, #16, #4
    mov     x7, #4
    lsl     x7, x7, x6
    mov     x4, x0
    add     x5, x0, #16384
2:  dc      ivac, x4
    add     x4, x4, x7
    cmp     x4, x5
    b.lo    2b
    dsb     sy
    ret

// lichen_replace_tables(ttbr0, ttbr1) (Cpu.replaceTranslationTables): moves from the
// tables in use to new ones that map the kernel image at the same addresses. TTBR1 is
// changed while running from the identity map, where no TTBR1 translation is in use, so
// no TLB can hold old and new entries for the same address at once (ARM ARM D8.16.1,
// break-before-make); then TTBR0, from the upper half. Touches no memory and no stack.
    .globl  lichen_replace_tables
    .type   lichen_replace_tables, %function
lichen_replace_tables:
    adr     x9, 1f
    ldr     x10, =KERNEL_IMAGE
    sub     x9, x9, x10
    br      x9                      // on to the physical address, through the identity map
1:  dsb     ishst                   // the new tables' stores are seen by the walker
    msr     ttbr1_el1, x1
    isb
    tlbi    vmalle1
    dsb     nsh
    isb
    ldr     x9, =2f
    br      x9                      // back to the upper half, through the new TTBR1
2:  msr     ttbr0_el1, x0
    isb
    tlbi    vmalle1
    dsb     nsh
    isb
    ret

// The image's layout for the kernel's page tables (Cpu.imageLayout, KernelLayout): start,
// ends of text and rodata, the boot stack's guard and top, the overflow stack's guard and
// top, end, the secondary CPUs' entry and their boot block.
    .section .rodata
    .balign 8
    .globl  lichen_image_layout
lichen_image_layout:
    .quad   _kernel_start, _text_end, _rodata_end
    .quad   _boot_stack_guard, _boot_stack_top, _overflow_stack_guard, _overflow_stack_top, _kernel_end
    .quad   lichen_secondary_entry, lichen_secondary_boot, lichen_bkl_stats

// What a secondary CPU needs before it can run Java: the kernel's TTBR0 and TTBR1 roots,
// then a stack top for each CPU index (up to MAX_CPUS, as SecondaryCpus.MAX_CPUS).
#define MAX_CPUS 64
    .bss
    .balign 8
lichen_secondary_boot:
    .skip   16 + 8 * MAX_CPUS
