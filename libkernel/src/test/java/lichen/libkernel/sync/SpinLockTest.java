package lichen.libkernel.sync;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpinLockTest {
    SimulatedCpus cpus = new SimulatedCpus(2);

    { Cpus.install(cpus); }

    @AfterEach
    void restore() { Cpus.install(new SimulatedCpus(1)); }

    @Test
    void theGuardReleasesTheLockWhenClosed() {
        SpinLock l = new SpinLock();
        try (SpinGuard g = l.lock()) {
            assertTrue(l.isLocked());
            assertEquals(0, l.holder());
        }
        assertFalse(l.isLocked());
        assertEquals(-1, l.holder());
    }

    @Test
    void takingALockTheSameCpuHoldsIsADeadlockPanic() {
        SpinLock l = new SpinLock();
        try (SpinGuard g = l.lock()) {
            var e = assertThrows(IllegalStateException.class, l::lock);
            assertTrue(e.getMessage().contains("deadlock"));
        }
    }

    @Test
    void tryLockFailsWhileAnotherCpuHoldsIt() {
        SpinLock l = new SpinLock();
        assertTrue(l.tryLock());
        cpus.switchTo(1);
        assertFalse(l.tryLock());
        assertThrows(IllegalStateException.class, l::unlock, "CPU 1 does not hold it");
        cpus.switchTo(0);
        l.unlock();
        assertEquals(2 - 1, l.acquisitions());
    }

    @Test
    void lockIrqSaveMasksInterruptsAndRestoresThePreviousState() {
        SpinLock a = new SpinLock(), b = new SpinLock();
        try (SpinGuard g = a.lockIrqSave()) {
            assertFalse(cpus.irqsEnabled(0));
            try (SpinGuard h = b.lockIrqSave()) {
                assertFalse(cpus.irqsEnabled(0));
            }
            assertFalse(cpus.irqsEnabled(0), "the inner guard restores 'masked'");
        }
        assertTrue(cpus.irqsEnabled(0));
        assertTrue(cpus.irqsEnabled(1), "other CPUs untouched");
    }

    @Test
    void closingAGuardTwiceIsABug() {
        SpinLock l = new SpinLock();
        SpinGuard g = l.lock();
        g.close();
        assertThrows(IllegalStateException.class, g::close);
    }

    /** Two JVM threads stand in for two CPUs: each thread's CPU number is thread-local. */
    static final class ThreadCpus implements CpuContext {
        final ThreadLocal<Integer> id = ThreadLocal.withInitial(() -> 0);
        public int currentCpu() { return id.get(); }
        public int cpuCount() { return 2; }
        public boolean disableIrqs() { return true; }
        public void restoreIrqs(boolean e) { }
    }

    @Test
    void realThreadsContendingOnTheLockNeverLoseAnUpdate() throws Exception {
        ThreadCpus perThread = new ThreadCpus();
        Cpus.install(perThread);
        SpinLock l = new SpinLock();
        long[] counter = {0};
        Thread[] ts = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int cpu = t;
            ts[t] = new Thread(() -> {
                perThread.id.set(cpu);
                for (int i = 0; i < 100_000; i++) try (SpinGuard g = l.lock()) { counter[0]++; }
            });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        assertEquals(200_000, counter[0]);
        assertEquals(200_000, l.acquisitions(), "counted under the lock, so exact too");
    }
}
