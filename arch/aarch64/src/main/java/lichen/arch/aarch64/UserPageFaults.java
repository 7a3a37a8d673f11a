package lichen.arch.aarch64;

/**
 * What {@link UserMemory} asks when an unprivileged load or store faults on a
 * user page: arch knows no address spaces, so the kernel's (kernel/mm) answers.
 * It is asked from the data abort itself, with IRQs masked and outside any
 * continuation, so it must not sleep: it makes present what needs no I/O (a
 * demand-zero page) and refuses the rest (a page to read from a file, a
 * permission the area lacks), and the copy stops early so its caller can
 * finish in code that may sleep.
 */
public interface UserPageFaults {
    /**
     * Maps the absent page holding {@code address} if its area allows the access
     * ({@code write} or a read) and filling it cannot sleep; true when it has done so
     * and the faulting instruction may be run again. False for a page already present.
     */
    boolean makePresentWithoutSleeping(long address, boolean write);
}
