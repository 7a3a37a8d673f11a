package lichen.kernel.selftest;

import lichen.api.Async;
import lichen.libkernel.Errno;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Stat;
import lichen.kernel.boot.MemorySetup;
import lichen.kernel.pipe.Pipes;
import lichen.kernel.proc.Processes;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;

/**
 * Pipes on the machine (pipe(7)): bytes in order, end-of-file once the last
 * writer is gone and EPIPE once the last reader is, 64 KiB of capacity,
 * PIPE_BUF-sized writes whole or not at all, a reader that sleeps until a
 * writer task comes, and the buffer's pages back after both ends close.
 */
final class PipeTests {
    private static Executor executor;

    private PipeTests() {}

    static void runAll() {
        SelfTest.check("a pipe carries bytes in order, reads end-of-file after the writer closes and EPIPE after the reader does",
                () -> onTask(PipeTests::endOfFileAndBrokenPipe));
        SelfTest.check("a pipe holds 64 KiB; a write of at most PIPE_BUF goes in whole or is EAGAIN; its pages go back",
                () -> onTask(PipeTests::capacityAndAtomicity));
        SelfTest.check("a reader sleeps on an empty pipe until another task writes", PipeTests::readerSleepsForWriter);
    }

    private interface PipeTest {
        @Async
        String run();
    }

    private static String onTask(PipeTest t) {
        newExecutor();
        String[] outcome = {"the test's task did not finish"};
        executor.spawn("pipe-test", () -> outcome[0] = t.run());
        executor.runUntilIdle();
        return outcome[0];
    }

    /** Pipes sleep on the processes' executor: the tests' tasks run on it. */
    private static void newExecutor() {
        executor = KernelExecutor.create();
        Processes.useExecutor(executor, null);
    }

    /** A new pipe's [read end, write end], or null. */
    @Async
    private static OpenFile[] pipe(int flags) {
        OpenFile[] ends = new OpenFile[2];
        return Pipes.create(flags, ends) == 0 ? ends : null;
    }

    @Async
    private static String endOfFileAndBrokenPipe() {
        OpenFile[] p = pipe(0);
        if (p == null) return "no pipe";
        Stat s = Stat.of(p[0].inode);
        if ((s.mode & FileMode.S_IFMT) != FileMode.S_IFIFO || p[0].inode != p[1].inode) return "the ends are not one FIFO inode: mode 0" + Integer.toOctalString(s.mode);
        byte[] out = {'a', 'b', 'c', 'd', 'e'};
        if (p[1].write(out, 0, 3) != 3 || p[1].write(out, 3, 2) != 2) return "write short";
        byte[] in = new byte[16];
        int n = p[0].read(in, 0, in.length);
        if (n != 5) return "read " + n + " bytes, expected 5";
        for (int i = 0; i < 5; i++) if (in[i] != out[i]) return "byte " + i + " out of order";
        if (p[0].write(out, 0, 1) != -Errno.EBADF) return "the read end took a write";
        p[1].write(out, 0, 2);
        p[1].close();
        if (p[0].read(in, 0, in.length) != 2) return "the bytes written before close were lost";
        if (p[0].read(in, 0, in.length) != 0) return "no end-of-file after the writer closed";
        OpenFile[] q = pipe(0);
        q[0].close();
        int w = q[1].write(out, 0, 1);
        q[1].close();
        p[0].close();
        return w == -Errno.EPIPE ? null : "a write with no reader gave " + w;
    }

    @Async
    private static String capacityAndAtomicity() {
        // Made first: between the two page counts nothing but the pipe's own buffer comes or goes.
        byte[] page = new byte[4096], small = new byte[100], big = new byte[5000];
        OpenFile[] p = pipe(OpenFlags.O_NONBLOCK);
        if (p == null) return "no pipe";
        long whileOpen = MemorySetup.frames().freePageCount();
        long total = 0;
        while (true) {
            int w = p[1].write(page, 0, page.length);
            if (w == -Errno.EAGAIN) break;
            if (w <= 0) return "write gave " + w;
            total += w;
            if (total > 1 << 20) return "the pipe never filled";
        }
        if (total != 65536) return "capacity " + total;
        if (p[0].read(small, 0, 100) != 100) return "read 100";
        // 100 bytes free: 200 bytes (<= PIPE_BUF) must not go in part; 5000 bytes (> PIPE_BUF) may.
        if (p[1].write(page, 0, 200) != -Errno.EAGAIN) return "a PIPE_BUF-sized write went in part";
        int partial = p[1].write(big, 0, big.length);
        if (partial != 100) return "a large write into 100 free bytes gave " + partial;
        if (p[0].read(page, 0, 0) != 0) return "a read of 0 bytes";
        p[0].close();
        p[1].close();
        long back = MemorySetup.frames().freePageCount() - whileOpen;
        return back == 16 ? null : back + " pages came back when both ends closed, not the buffer's 16";
    }

    private static final byte[] received = new byte[8];
    private static int receivedCount;
    private static long readerWoke, writerWrote;

    /** The reader task runs first and sleeps; the writer task comes 5 ms later; the reader must wake with its bytes after that. */
    private static String readerSleepsForWriter() {
        newExecutor();
        OpenFile[] p = new OpenFile[2];
        int[] made = {-1};
        executor.spawn("pipe-maker", () -> made[0] = Pipes.create(0, p));
        executor.runUntilIdle();
        if (made[0] != 0) return "no pipe: " + made[0];
        receivedCount = -100;
        executor.spawn("pipe-reader", () -> {
            receivedCount = p[0].read(received, 0, received.length);
            readerWoke = executor.now();
            p[0].close();
        });
        executor.spawn("pipe-writer", () -> {
            executor.sleep(5_000_000, false);
            byte[] msg = {'w', 'o', 'k', 'e'};
            writerWrote = executor.now();
            p[1].write(msg, 0, msg.length);
            p[1].close();
        });
        executor.runUntilIdle();
        if (receivedCount != 4) return "the reader got " + receivedCount;
        if (received[0] != 'w' || received[3] != 'e') return "the reader got other bytes";
        return readerWoke >= writerWrote ? null : "the reader finished before the writer wrote";
    }
}
