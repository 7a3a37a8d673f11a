package lichen.libkernel.async;

/**
 * A stackful continuation: a task's own stack and registers, resumed by the
 * executor and suspended from inside. On the kernel target arch implements it
 * with a 16 KiB stack and a register switch; on the JVM,
 * {@code JdkContinuations} uses jdk.internal.vm.Continuation.
 */
public interface Continuation {
    /** Runs the continuation until it suspends or its body returns. */
    void resume();

    /** True once the body has returned. */
    boolean isDone();
}
