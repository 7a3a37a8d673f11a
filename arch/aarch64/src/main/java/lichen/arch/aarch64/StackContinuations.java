package lichen.arch.aarch64;

import lichen.api.Async;
import lichen.api.Cpu;
import lichen.api.Kmem;
import lichen.api.Syscall;
import lichen.api.Unsafe;
import lichen.libkernel.async.AsyncBody;
import lichen.libkernel.async.Continuation;
import lichen.libkernel.async.Continuations;

/**
 * Kernel tasks as stackful continuations on real stacks: each has its own
 * 16 KiB stack and a saved context (switch.S). Resuming switches from the
 * executor's context to the task's; suspending switches back. A new task's
 * context returns into lichen_task_start, which calls {@link #taskMain}.
 *
 * <p>Not yet: a guard page under each stack (that needs the MMU).
 */
@Unsafe
public final class StackContinuations implements Continuations {
    private static final int STACK_WORDS = 16 * 1024 / 8;
    private static final int CONTEXT_WORDS = 14;
    private static final int X30 = 11, SP = 12;

    /** The task running now (null in the executor's own context). */
    private static Task running;

    @Override
    public Continuation create(AsyncBody body) { return new Task(body); }

    @Override
    @Async
    public void suspend() {
        Task t = running;
        if (t == null) throw new IllegalStateException("suspend outside a kernel task");
        Cpu.switchContext(Syscall.addressOf(t.context), Syscall.addressOf(t.resumer));
    }

    /** Where every task starts, on its own stack (lichen_task_start): a task's root, so it may sleep. Never returns. */
    @Async
    static void taskMain() {
        Task t = running;
        t.body.run();
        t.done = true;
        Cpu.switchContext(Syscall.addressOf(t.context), Syscall.addressOf(t.resumer));
        throw new IllegalStateException("a finished task was resumed");
    }

    private static final class Task implements Continuation {
        final AsyncBody body;
        final long[] stack = Kmem.newLongs(STACK_WORDS);
        final long[] context = Kmem.newLongs(CONTEXT_WORDS);
        /** The context of whoever resumed the task, restored when it suspends. */
        final long[] resumer = Kmem.newLongs(CONTEXT_WORDS);
        boolean done;

        Task(AsyncBody body) {
            this.body = body;
            long top = (Syscall.addressOf(stack) + 8L * STACK_WORDS) & ~15L;
            context[SP] = top;
            context[X30] = Cpu.taskStartAddress();
        }

        @Override
        public void resume() {
            if (done) throw new IllegalStateException("resume of a finished task");
            Task previous = running;
            running = this;
            Cpu.switchContext(Syscall.addressOf(resumer), Syscall.addressOf(context));
            running = previous;
        }

        @Override
        public boolean isDone() { return done; }
    }
}
