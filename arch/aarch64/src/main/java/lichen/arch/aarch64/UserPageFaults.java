package lichen.arch.aarch64;

/**
 * What {@link UserMemory} asks when an unprivileged load or store faults on a
 * user page: arch knows no address spaces, so the kernel's (kernel/mm) answers.
 * It is asked from the data abort itself, with IRQs masked and outside any
 * continuation, so it must not sleep: it fixes what needs no I/O (a
 * demand-zero page, a copy-on-write break) and refuses the rest (a page to read from a file, a
 * permission the area lacks), and the copy stops early so its caller can
 * finish in code that may sleep.
 */
public interface UserPageFaults {
    /**
     * Makes the page holding {@code address} ready for the access ({@code write} or a
     * read) if its area allows it and that cannot sleep: an absent anonymous page
     * mapped, a shared private page copied for a write. True when it has done so and
     * the faulting instruction may run again; false otherwise (a file page, no area).
     */
    boolean makePresentWithoutSleeping(long address, boolean write);
}
