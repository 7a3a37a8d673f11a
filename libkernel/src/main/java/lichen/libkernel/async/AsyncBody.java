package lichen.libkernel.async;

import lichen.api.Async;

/** The code a kernel task runs; it may sleep. */
@FunctionalInterface
public interface AsyncBody {
    @Async
    void run();
}
