package lichen.arch.aarch64;

import lichen.api.Async;
import lichen.api.Cpu;
import lichen.api.Kmem;
import lichen.api.Syscall;
import lichen.api.Unsafe;
import lichen.libkernel.Errno;
import lichen.libkernel.async.AsyncBody;
import lichen.libkernel.async.Continuation;
import lichen.libkernel.async.Continuations;

/**
 * Kernel tasks as stackful continuations on real stacks: each has its own
 * stack from {@link KernelAddressSpace#mapStack} (16 KiB with an unmapped
 * guard below it) and a saved context (switch.S). Resuming switches from the
 * executor's context to the task's; suspending switches back. A new task's
 * context returns into lichen_task_start, which calls {@link #taskMain}. A
 * finished task's stack is unmapped and its frames freed.
 *
 * <p>A task that overflows its stack is stopped by {@link #abandonRunning}
 * when the fault was expected (a test); otherwise the overflow is a panic.
 */
@Unsafe
public final class StackContinuations implements Continuations {
    private static final int CONTEXT_WORDS = 14;
    private static final int X30 = 11, SP = 12;
    /** SPSR_EL1.I: IRQs were masked in the interrupted context. */
    private static final long SPSR_I = 1L << 7;

    /** The task each CPU runs now (null in its executor's own context), by logical CPU number. */
    private static final Task[] runningOn = new Task[SecondaryCpus.MAX_CPUS];
    /** TTBR0_EL1 as each CPU last wrote it: the user address space it translates through. */
    private static final long[] installedOn = new long[SecondaryCpus.MAX_CPUS];
    /**
     * Set when tasks run on several CPUs (SmpScheduling): a task that stops running on a CPU leaves
     * nothing of itself there, since it may go on elsewhere: its FP/SIMD state goes into its frame
     * (lichen_fp_release) and the CPU's TTBR0 goes back to the empty table, so no CPU translates
     * through a space none of its tasks is running in (one that is freed, say).
     */
    private static boolean tasksMove;

    /** Tasks may go on on another CPU from now on. */
    public static void letTasksMove() { tasksMove = true; }

    private static Task running() { return runningOn[(int) Cpu.cpuIndex()]; }

    @Override
    public Continuation create(AsyncBody body) { return new Task(body); }

    @Override
    @Async
    public void suspend() {
        Task t = running();
        if (t == null) throw new IllegalStateException("suspend outside a kernel task");
        Cpu.switchContext(Syscall.addressOf(t.context), Syscall.addressOf(t.resumer));
    }

    /** Where every task starts, on its own stack (lichen_task_start): a task's root, so it may sleep. Never returns. */
    @Async
    static void taskMain() {
        Task t = running();
        t.body.run();
        t.done = true;
        Cpu.switchContext(Syscall.addressOf(t.context), Syscall.addressOf(t.resumer));
        throw new IllegalStateException("a finished task was resumed");
    }

    /**
     * The running task's user address space from now on ({@code ttbr0}: ASID and table), installed
     * now and again whenever the task is resumed: a system call that sleeps finds its own user
     * memory when it wakes. Kernel tasks never set one and run on whatever is installed.
     */
    public static void setTranslationTable(long ttbr0) {
        Task t = running();
        if (t == null) throw new IllegalStateException("a translation table outside a task");
        t.translationTable = ttbr0;
        install(ttbr0);
    }

    /** A table being freed is no longer translated through: the empty user table replaces it where it is installed. */
    public static void forgetTranslationTable(long ttbr0) {
        if (installedTranslationTable() == ttbr0) install(Mmu.userRoot());
        Task t = running();
        if (t != null && t.translationTable == ttbr0) t.translationTable = 0;
    }

    /** TTBR0_EL1 now on this CPU: the user space that LDTR/STTR reach (UserMemory). */
    public static long installedTranslationTable() { return installedOn[(int) Cpu.cpuIndex()]; }

    private static void install(long ttbr0) {
        int cpu = (int) Cpu.cpuIndex();
        if (ttbr0 == installedOn[cpu]) return;
        Cpu.setUserTranslationTable(ttbr0);
        installedOn[cpu] = ttbr0;
    }

    /**
     * Ends the running task where it stands (a user thread's exit, from inside its system call):
     * it counts as finished and its resumer goes on. Never returns.
     */
    @Async
    public static void exitRunning() {
        Task t = running();
        if (t == null) throw new IllegalStateException("exit outside a task");
        t.done = true;
        Cpu.switchContext(Syscall.addressOf(t.context), Syscall.addressOf(t.resumer));
        throw new IllegalStateException("a finished task was resumed");
    }

    /** The top of the running task's stack, or 0 outside any task. */
    public static long runningStackTop() {
        Task t = running();
        return t == null ? 0 : t.stackTop;
    }

    /**
     * Ends the running task from the exception that found its stack overflowed (Traps, on the
     * overflow stack): it counts as finished, and its resumer continues with IRQs as the task
     * had them ({@code spsr}). Returns only when no task is running.
     */
    static void abandonRunning(long spsr) {
        Task t = running();
        if (t == null) return;
        t.done = true;
        if ((spsr & SPSR_I) == 0) Cpu.enableInterrupts();
        Cpu.switchContext(Syscall.addressOf(t.context), Syscall.addressOf(t.resumer));
    }

    private static final class Task implements Continuation {
        final AsyncBody body;
        final long stackTop;
        final long[] context = Kmem.newLongs(CONTEXT_WORDS);
        /** The context of whoever resumed the task, restored when it suspends. */
        final long[] resumer = Kmem.newLongs(CONTEXT_WORDS);
        boolean done;
        /** TTBR0 for this task's user memory, or 0 for a kernel task. */
        long translationTable;

        Task(AsyncBody body) {
            KernelAddressSpace space = KernelAddressSpace.get();
            if (space == null) throw new IllegalStateException("kernel tasks need the kernel's address space (MemorySetup)");
            long top = space.mapStack();
            if (Errno.isError(top)) throw new IllegalStateException("no kernel stack: error " + top);
            this.body = body;
            this.stackTop = top;
            context[SP] = top;
            context[X30] = Cpu.taskStartAddress();
        }

        @Override
        public void resume() {
            if (done) throw new IllegalStateException("resume of a finished task");
            // A task suspends on the CPU that resumed it (it moves only between turns): cpu is still this one after the switch.
            int cpu = (int) Cpu.cpuIndex();
            Task previous = runningOn[cpu];
            runningOn[cpu] = this;
            if (translationTable != 0) install(translationTable);
            Cpu.switchContext(Syscall.addressOf(resumer), Syscall.addressOf(context));
            runningOn[cpu] = previous;
            if (tasksMove && translationTable != 0) {
                Cpu.releaseUserFp();
                install(Mmu.userRoot());
            }
            if (done) KernelAddressSpace.get().unmapStack(stackTop);
        }

        @Override
        public boolean isDone() { return done; }
    }
}
