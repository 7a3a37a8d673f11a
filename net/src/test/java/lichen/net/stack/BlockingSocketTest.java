package lichen.net.stack;

import static org.junit.jupiter.api.Assertions.*;

import lichen.fs.vfs.PollEvents;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.JdkContinuations;
import lichen.libkernel.async.SimulatedClock;
import lichen.libkernel.sync.PollTable;
import lichen.libkernel.sync.WakerSet;
import lichen.net.Ipv4Address;
import lichen.net.tcp.TcpConnection;
import org.junit.jupiter.api.Test;

/**
 * How the kernel's socket layer will sleep on the stack: a task whose call
 * is -EAGAIN registers on the socket's WakerSet through a PollTable (as
 * poll(2) and a blocking read do), and the stack's poll, run as deferred
 * work before each turn, wakes it when the bits it waits for come.
 */
class BlockingSocketTest {
    final SimulatedClock clock = new SimulatedClock();
    final Executor ex = JdkContinuations.deterministicExecutor(clock);
    final NetStack stack = new NetStack(clock, 4);

    /** Sleeps until {@code ready()} has one of {@code bits}: the pattern of a blocking socket call. */
    void waitFor(WakerSet wakers, java.util.function.IntSupplier ready, int bits) {
        PollTable table = new PollTable(ex, ex.current());
        table.wait(wakers);
        table.stopCollecting();
        while ((ready.getAsInt() & bits) == 0 && !table.takeTriggered()) ex.block(Executor.NO_DEADLINE, true);
        table.release();
    }

    @Test
    void blockingAcceptConnectAndReceiveWakeWhenTheStackDelivers() {
        ex.setDeferredWork(stack::poll);
        TcpConnection l = stack.tcp.open();
        l.bind(0, 8000);
        l.listen(1);
        long[] when = new long[3];
        byte[] got = new byte[16];
        int[] n = new int[1];
        ex.spawn("server", () -> {
            TcpConnection s;
            while ((s = l.accept()) == null) waitFor(l.wakers, l::poll, PollEvents.POLLIN);
            when[0] = ex.now();
            int r;
            while ((r = s.receive(got, 0, got.length)) == -Errno.EAGAIN) {
                TcpConnection x = s;
                waitFor(x.wakers, x::poll, PollEvents.POLLIN);
            }
            n[0] = r;
            when[1] = ex.now();
        });
        ex.spawn("client", () -> {
            TcpConnection c = stack.tcp.open();
            assertEquals(-Errno.EINPROGRESS, c.connect(Ipv4Address.LOOPBACK, 8000));
            waitFor(c.wakers, c::poll, PollEvents.POLLOUT | PollEvents.POLLERR);
            when[2] = ex.now();
            ex.sleep(5_000_000L, false);
            assertEquals(5, c.send("hello".getBytes(), 0, 5));
        });
        ex.runUntilIdle();
        assertEquals(0, when[0], "accept woke with the handshake");
        assertEquals(0, when[2], "connect's POLLOUT came with it");
        assertEquals(5_000_000L, when[1], "the reader slept until the data came, 5 ms on");
        assertEquals("hello", new String(got, 0, n[0]));
        assertEquals(0, ex.liveTasks());
    }
}
