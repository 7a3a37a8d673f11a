package lichen.libkernel.sync;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.async.Executor;
import lichen.libkernel.async.JdkContinuations;
import lichen.libkernel.async.SimulatedClock;
import lichen.libkernel.async.Waker;
import org.junit.jupiter.api.Test;

class WakerSetTest {
    @Test
    void aTaskPollingTwoSourcesWakesOnEitherAndUnregistersFromBoth() {
        SimulatedClock clock = new SimulatedClock();
        Executor ex = JdkContinuations.deterministicExecutor(clock);
        WakerSet pipeA = new WakerSet(), pipeB = new WakerSet();
        long[] wokeAt = {-1};
        ex.spawn("poller", () -> {
            Waker w = Waker.of(ex, ex.current());
            pipeA.add(w);
            pipeB.add(w);
            ex.block(1000, true);
            wokeAt[0] = ex.now();
            pipeA.remove(w);
            pipeB.remove(w);
        });
        ex.spawn("writer", () -> { ex.sleep(40, false); pipeB.wakeAll(); });
        ex.runUntilIdle();
        assertEquals(40, wokeAt[0]);
        assertEquals(0, pipeA.size());
        assertEquals(0, pipeB.size());
    }

    @Test
    void wakersStayRegisteredUntilRemovedAndAreCalledOldestFirst() {
        WakerSet s = new WakerSet();
        StringBuilder calls = new StringBuilder();
        Waker a = () -> calls.append('a'), b = () -> calls.append('b');
        for (int i = 0; i < 5; i++) s.add(i % 2 == 0 ? a : b);
        assertEquals(5, s.wakeAll());
        assertEquals("ababa", calls.toString());
        assertTrue(s.remove(a));
        assertEquals(4, s.size());
        assertFalse(new WakerSet().remove(a));
    }
}
