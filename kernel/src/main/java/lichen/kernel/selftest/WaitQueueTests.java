package lichen.kernel.selftest;

import lichen.api.Async;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;
import lichen.libkernel.sync.WaitQueue;

/**
 * libkernel's wait queues with kernel tasks on the machine: consumers sleep
 * until a producer's items arrive and are woken one at a time, and a wait
 * with a deadline ends on the generic timer when nothing comes.
 */
final class WaitQueueTests {
    private WaitQueueTests() {}

    private static final int ITEMS = 200, CONSUMERS = 4;
    private static Executor executor;
    private static WaitQueue queue;
    private static int available, produced, consumed, timedOut;
    private static final int[] perConsumer = new int[CONSUMERS];

    static void runAll() {
        SelfTest.check("consumers sleep on a wait queue until a producer's items come, and every item is taken once",
                WaitQueueTests::producerAndConsumers);
        SelfTest.check("a wait with a deadline and nothing to wake it ends timed out", WaitQueueTests::timedWait);
    }

    private static String producerAndConsumers() {
        executor = KernelExecutor.create();
        queue = new WaitQueue();
        available = produced = consumed = 0;
        for (int c = 0; c < CONSUMERS; c++) {
            int me = c;
            executor.spawn("consumer", () -> consume(me));
        }
        executor.spawn("producer", WaitQueueTests::produce);
        executor.runUntilIdle();
        if (consumed != ITEMS) return consumed + " of " + ITEMS + " items consumed";
        for (int c = 0; c < CONSUMERS; c++) if (perConsumer[c] == 0) return "consumer " + c + " never got an item";
        return executor.liveTasks() == 0 ? null : executor.liveTasks() + " tasks still live (asleep on the queue?)";
    }

    /** Takes items until all are consumed; sleeps on the queue while there are none. */
    @Async
    private static void consume(int me) {
        while (true) {
            queue.waitUntil(executor, () -> available > 0 || consumed + available >= ITEMS && produced == ITEMS, Executor.NO_DEADLINE, false);
            if (available == 0) return;
            available--;
            consumed++;
            perConsumer[me]++;
            if (consumed == ITEMS) queue.wakeAll(executor);
            executor.yieldNow();
        }
    }

    /** Makes items one by one, waking one consumer for each; sleeps 1 ms on the timer every 20 items. */
    @Async
    private static void produce() {
        for (int i = 1; i <= ITEMS; i++) {
            available++;
            produced++;
            queue.wakeOne(executor);
            if (i % 20 == 0) executor.sleep(1_000_000, false);
        }
        queue.wakeAll(executor);
    }

    private static String timedWait() {
        executor = KernelExecutor.create();
        queue = new WaitQueue();
        timedOut = -1;
        executor.spawn("waiter", WaitQueueTests::waitBriefly);
        executor.runUntilIdle();
        return timedOut == WakeReason.TIMED_OUT ? null : "the wait ended with " + timedOut;
    }

    @Async
    private static void waitBriefly() {
        timedOut = queue.waitUntil(executor, () -> false, executor.now() + 5_000_000, false);
    }
}
