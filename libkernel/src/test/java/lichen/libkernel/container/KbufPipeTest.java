package lichen.libkernel.container;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.JdkContinuations;
import lichen.libkernel.async.SimulatedClock;
import lichen.libkernel.mm.PhysicalMemory;
import lichen.libkernel.sync.WaitQueue;
import org.junit.jupiter.api.Test;

/** A pipe as the kernel will build it: a Kbuf and two wait queues, driven by tasks that sleep. */
class KbufPipeTest {
    @Test
    void aWriterAndAReaderThatBlockOnFullAndEmptyMoveEveryByteInOrder() {
        PhysicalMemory ram = PhysicalMemory.install(4);
        Kbuf pipe = Kbuf.create(ram.buddy, 1);
        WaitQueue readers = new WaitQueue(), writers = new WaitQueue();
        Executor ex = JdkContinuations.deterministicExecutor(new SimulatedClock());
        byte[] data = new byte[100_000];
        new Random(4).nextBytes(data);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ex.spawn("writer", () -> {
            int off = 0;
            Random r = new Random(5);
            while (off < data.length) {
                int len = Math.min(data.length - off, 1 + r.nextInt(6000));
                writers.waitUntil(ex, () -> pipe.space() > 0, Executor.NO_DEADLINE, false);
                int n = pipe.write(data, off, len);
                off += n;
                readers.wakeAll(ex);
            }
        });
        ex.spawn("reader", () -> {
            byte[] buf = new byte[3000];
            while (got.size() < data.length) {
                readers.waitUntil(ex, () -> !pipe.isEmpty(), Executor.NO_DEADLINE, false);
                int n = pipe.read(buf, 0, buf.length);
                got.write(buf, 0, n);
                writers.wakeAll(ex);
                ex.sleep(1, false);
            }
        });
        ex.runUntilIdle();
        assertEquals(0, ex.liveTasks());
        assertArrayEquals(data, got.toByteArray());
    }
}
