package lichen.libkernel.async;

import jdk.internal.vm.ContinuationScope;
import lichen.api.HostOnly;

/**
 * Continuations for the JVM: JDK 25's jdk.internal.vm.Continuation (the
 * machinery under virtual threads), run on the caller's thread, so an
 * executor built on them is single-threaded and deterministic. Needs
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}.
 */
@HostOnly
public final class JdkContinuations implements Continuations {
    private static final ContinuationScope SCOPE = new ContinuationScope("lichen-kernel");

    @Override
    public Continuation create(AsyncBody body) {
        jdk.internal.vm.Continuation c = new jdk.internal.vm.Continuation(SCOPE, body::run);
        return new Continuation() {
            @Override
            public void resume() { c.run(); }

            @Override
            public boolean isDone() { return c.isDone(); }
        };
    }

    @Override
    public void suspend() {
        if (jdk.internal.vm.Continuation.getCurrentContinuation(SCOPE) == null)
            throw new IllegalStateException("suspend outside a kernel task");
        jdk.internal.vm.Continuation.yield(SCOPE);
    }

    /** A deterministic executor on a simulated clock: the test harness for everything that sleeps. */
    public static Executor deterministicExecutor(SimulatedClock clock) { return new Executor(new JdkContinuations(), clock); }
}
