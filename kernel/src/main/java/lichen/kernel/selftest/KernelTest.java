package lichen.kernel.selftest;

/** One in-kernel test: null when it passes, else why it failed. */
interface KernelTest {
    String run();
}
