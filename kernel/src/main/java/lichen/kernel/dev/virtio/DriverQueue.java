package lichen.kernel.dev.virtio;

import lichen.api.Async;
import lichen.arch.aarch64.KernelAddressSpace;
import lichen.arch.aarch64.VirtioMmio;
import lichen.libkernel.async.Executor;
import lichen.libkernel.sync.WaitQueue;
import lichen.libkernel.virtio.SplitVirtqueue;

/**
 * One virtqueue of a device as its driver uses it: the ring (libkernel's
 * {@link SplitVirtqueue}) in a page of its own from the buddy allocator,
 * set up on the transport, and the waiting for completions. A request is a
 * descriptor chain: {@link #startChain} (waits for free descriptors), the
 * buffers, {@link #submit}, then {@link #await}, which returns the bytes the
 * device wrote and frees the chain. A queue the device fills at its own pace
 * (a network's receive queue) is made {@code inOrder}: its chains come back
 * through {@link #takeCompleted}, in the order the device used them.
 *
 * <p>Waiting has two modes. Once init runs, the executor that runs processes
 * takes device interrupts ({@link VirtioDevices#completeInterrupted} is its
 * deferred work): a waiter asks for the next interrupt (used_event or the
 * no-interrupt flag, 2.7.7), sleeps on the queue's wait queue, and is woken
 * when the interrupt's deferred work found its chain used. Before that (the
 * root's mount at boot) and after it (the sync at power-off), nothing would
 * run that deferred work, so the waiter polls the used ring: QEMU finishes
 * a request on its own threads.
 */
public final class DriverQueue {
    private final VirtioMmio transport;
    private final int index;
    private final SplitVirtqueue ring;
    private final WaitQueue waiters = new WaitQueue();
    /** Per chain head: the device returned it, and how many bytes it wrote. */
    private final boolean[] done;
    private final int[] written;
    /** For an inOrder queue: the heads the device returned, oldest first (a ring of size entries). */
    private final int[] completed;
    private int completedFirst, completedCount;
    private long sleeps;

    private DriverQueue(VirtioMmio transport, int index, SplitVirtqueue ring, boolean inOrder) {
        this.transport = transport;
        this.index = index;
        this.ring = ring;
        done = new boolean[ring.size()];
        written = new int[ring.size()];
        completed = inOrder ? new int[ring.size()] : null;
    }

    /** Queue {@code index} of the transport set up (between FEATURES_OK and DRIVER_OK), or null when it has none or memory ran out. */
    static DriverQueue create(VirtioMmio transport, int index) { return create(transport, index, false); }

    /** As {@link #create}; {@code inOrder} for a queue whose chains are taken with {@link #takeCompleted}. */
    static DriverQueue create(VirtioMmio transport, int index, boolean inOrder) {
        int max = transport.queueMax(index);
        if (max <= 0) return null;
        int size = SplitVirtqueue.MAX_SIZE;
        while (size > max) size >>= 1;
        long page = KernelAddressSpace.get().frames().allocPages(0);
        if (page < 0) return null;
        SplitVirtqueue ring = new SplitVirtqueue(page, size, transport.has(VirtioMmio.F_EVENT_IDX));
        transport.setUpQueue(index, size, ring.descriptorTable(), ring.availableRing(), ring.usedRing());
        return new DriverQueue(transport, index, ring, inOrder);
    }

    /** Waits that slept until an interrupt's deferred work woke them (the rest found their chain used first, or polled). */
    public long sleeps() { return sleeps; }

    /** Corrupt used entries the ring skipped. */
    public long corruptEntries() { return ring.corruptEntries(); }

    /** A chain of {@code n} descriptors; waits while the table has fewer free. */
    @Async
    int startChain(int n) {
        int head;
        while ((head = ring.allocateChain(n)) < 0) waitForProgress();
        return head;
    }

    int nextInChain(int d) { return ring.nextInChain(d); }

    /** One free descriptor, without waiting: for a caller that knows one is free (receive buffers, one each). */
    int takeFreeDescriptor() {
        int d = ring.allocateChain(1);
        if (d < 0) throw new IllegalStateException("virtqueue " + index + ": no free descriptor");
        return d;
    }

    /** A chain of {@code n} descriptors, or -1 at once when fewer are free. */
    int tryChain(int n) { return ring.allocateChain(n); }

    void setBuffer(int d, long pa, int len, boolean deviceWrites) { ring.setBuffer(d, pa, len, deviceWrites); }

    /** The entries of the queue. */
    int size() { return ring.size(); }

    /**
     * For an inOrder queue: the head of the oldest chain the device returned, freed, or -1 when
     * none waits; {@link #lastWritten} is then the bytes the device wrote into it.
     */
    int takeCompleted() {
        collect();
        if (completedCount == 0) return -1;
        int head = completed[completedFirst];
        completedFirst = (completedFirst + 1) % completed.length;
        completedCount--;
        lastWritten = written[head];
        ring.freeChain(head);
        return head;
    }

    private int lastWritten;

    /** Bytes written into the chain {@link #takeCompleted} last returned. */
    int lastWritten() { return lastWritten; }

    /**
     * Until the device returns a chain or the absolute {@code deadline} (the kernel clock's
     * nanoseconds) passes: false at the deadline. Sleeps when interrupts drive completions,
     * else polls.
     */
    @Async
    boolean awaitCompletion(long deadline) {
        while (true) {
            collect();
            if (completedCount > 0) return true;
            Executor ex = VirtioDevices.interruptExecutor();
            if (ex == null || ex.current() == null) {
                ring.wantInterrupts(false);
                while (!ring.hasUsed()) if (lichen.arch.aarch64.Timer.nanos() >= deadline) return false;
                continue;
            }
            ring.wantInterrupts(true);
            if (ring.hasUsed()) continue;
            sleeps++;
            if (waiters.sleep(ex, deadline, true) != 0 && !ring.hasUsed()) return false;
        }
    }

    /**
     * Sleeps once, until the device returns a chain, the absolute {@code deadline},
     * or any other wake of the task (a caller with more than this queue to watch:
     * the network task). Returns at once when a chain waits, or when no executor
     * takes interrupts (the caller then polls).
     */
    @Async
    void sleepOnce(long deadline) {
        collect();
        if (completedCount > 0) return;
        Executor ex = VirtioDevices.interruptExecutor();
        if (ex == null || ex.current() == null) return;
        ring.wantInterrupts(true);
        if (ring.hasUsed()) return;
        sleeps++;
        waiters.sleep(ex, deadline, false);
    }

    /** Offers the chain to the device and notifies it when it asked to be (EVENT_IDX, 2.7.10). */
    void submit(int head) {
        ring.publish(head);
        if (ring.kickNeeded()) transport.notifyQueue(index);
    }

    /** Waits for the chain headed by {@code head} to come back; frees it and returns the bytes the device wrote. */
    @Async
    int await(int head) {
        while (true) {
            collect();
            if (done[head]) break;
            waitForProgress();
        }
        done[head] = false;
        ring.freeChain(head);
        return written[head];
    }

    /**
     * Takes every used entry and wakes the sleepers (a chain taken here may be another task's,
     * and descriptors came free). Task context only.
     */
    void collect() {
        boolean any = false;
        int head;
        while ((head = ring.takeUsed()) >= 0) {
            written[head] = ring.lastUsedLength();
            any = true;
            if (completed == null) {
                done[head] = true;
            } else {
                completed[(completedFirst + completedCount) % completed.length] = head;
                completedCount++;
            }
        }
        Executor ex = VirtioDevices.interruptExecutor();
        if (any && ex != null) waiters.wakeAll(ex);
    }

    /** Sleeps until the device returns something, or polls once when no executor takes interrupts (see the class comment). */
    @Async
    private void waitForProgress() {
        Executor ex = VirtioDevices.interruptExecutor();
        if (ex == null || ex.current() == null) {
            ring.wantInterrupts(false);
            while (!ring.hasUsed()) { }
            return;
        }
        ring.wantInterrupts(true);
        if (ring.hasUsed()) return; // posted before the device saw the wish: no interrupt will come for it
        sleeps++;
        waiters.sleep(ex, Executor.NO_DEADLINE, false);
    }
}
