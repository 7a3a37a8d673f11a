package lichen.libkernel.async;

import lichen.api.Async;

/** Makes continuations and suspends the one running now: the platform half of the executor. */
public interface Continuations {
    Continuation create(AsyncBody body);

    /** Suspends the continuation that is running; returns when it is resumed. */
    @Async
    void suspend();
}
