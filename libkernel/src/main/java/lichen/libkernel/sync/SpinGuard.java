package lichen.libkernel.sync;

/**
 * Proof that a {@link SpinLock} is held: {@code try (SpinGuard g = lock.lock()) { ... }}.
 * jcc's @Async check tracks these: no sleeping call while one is live.
 */
public final class SpinGuard implements AutoCloseable {
    private final SpinLock lock;
    private final boolean restoreIrqs;
    private final boolean irqsWereEnabled;
    private boolean closed;

    SpinGuard(SpinLock lock, boolean restoreIrqs, boolean irqsWereEnabled) {
        this.lock = lock;
        this.restoreIrqs = restoreIrqs;
        this.irqsWereEnabled = irqsWereEnabled;
    }

    @Override
    public void close() {
        if (closed) throw new IllegalStateException("spin guard closed twice");
        closed = true;
        lock.unlock();
        if (restoreIrqs) Cpus.current().restoreIrqs(irqsWereEnabled);
    }
}
