package lichen.kernel.selftest;

import lichen.api.Async;
import lichen.arch.aarch64.Idle;
import lichen.arch.aarch64.Timer;
import lichen.kernel.dev.virtio.VirtioBlock;
import lichen.kernel.dev.virtio.VirtioDevices;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;

/**
 * virtio-blk on the scratch disk scripts/run-kernel-test.sh attaches (1 MiB
 * of zeros; the root stays the initrd): its size from the configuration
 * space, reads and writes at sector-aligned and unaligned offsets and across
 * the driver's bounce buffer, a flush, a range past the end refused with
 * EIO, first with completions polled (as at boot), then with two tasks whose
 * requests sleep until the device's interrupt wakes them.
 */
final class VirtioBlockTests {
    /** What the harness attaches. */
    private static final long SCRATCH_BYTES = 1L << 20;

    private VirtioBlockTests() {}

    static void runAll() {
        SelfTest.check("virtio-blk: the scratch disk is found with the size QEMU gave it", () -> {
            VirtioBlock b = VirtioDevices.block();
            if (b == null) return "no virtio block device (the harness attaches a 1 MiB scratch disk)";
            return b.size() == SCRATCH_BYTES ? null : "size " + b.size() + ", expected " + SCRATCH_BYTES;
        });
        SelfTest.check("virtio-blk: polled writes read back at aligned, unaligned and bounce-crossing ranges; flush; EIO past the end",
                () -> inTask(false));
        SelfTest.check("virtio-blk: two tasks' requests, sleeping until the used-ring interrupt when the device is slower, read back what each wrote",
                () -> inTask(true));
    }

    /** Runs the test on a kernel task: polled, or with the device's interrupts driving completions. */
    private static String inTask(boolean interrupts) {
        VirtioBlock b = VirtioDevices.block();
        if (b == null) return "no virtio block device";
        String[] outcome = {"the first task did not finish", interrupts ? "the second task did not finish" : null};
        Executor ex = KernelExecutor.create();
        if (interrupts) {
            ex.setDeferredWork(VirtioDevices::completeInterrupted);
            VirtioDevices.interruptsDriveCompletions(ex);
            ex.spawn("virtio-blk-a", () -> outcome[0] = writeAndReadBack(b, 4096, 300_000, 3));
            ex.spawn("virtio-blk-b", () -> outcome[1] = writeAndReadBack(b, 600_000, 200_000, 5));
        } else {
            ex.spawn("virtio-blk-polled", () -> outcome[0] = polled(b));
        }
        long interruptsBefore = b.transport().interrupts(), sleepsBefore = b.sleeps();
        long started = Timer.nanos();
        while (ex.liveTasks() > 0 && Timer.nanos() - started < 20_000_000_000L) {
            ex.runUntilIdle();
            if (ex.liveTasks() > 0) Idle.untilInterrupt();
        }
        VirtioDevices.interruptsDriveCompletions(null);
        if (outcome[0] != null) return outcome[0];
        if (outcome[1] != null) return outcome[1];
        // A request the device finished before its task looked does not sleep; one that slept was woken by an interrupt.
        if (interrupts && b.sleeps() > sleepsBefore && b.transport().interrupts() == interruptsBefore) {
            return (b.sleeps() - sleepsBefore) + " waits slept, yet no interrupt was taken";
        }
        if (interrupts) System.out.println("virtio-blk test: " + (b.sleeps() - sleepsBefore) + " waits slept, "
                + (b.transport().interrupts() - interruptsBefore) + " interrupts");
        return null;
    }

    @Async
    private static String polled(VirtioBlock b) {
        String r = writeAndReadBack(b, 0, 4096, 1);
        if (r == null) r = writeAndReadBack(b, 1000, 3000, 2);          // inside sectors at both ends
        if (r == null) r = writeAndReadBack(b, 70_001, 150_000, 7);     // crosses the 64 KiB bounce buffer twice
        if (r != null) return r;
        long flushes = b.flushesDone();
        int f = b.flush();
        if (f != 0) return "flush: error " + f;
        if (b.flushes() && b.flushesDone() != flushes + 1) return "the flush was not counted as done by the device";
        byte[] one = new byte[512];
        if (b.read(SCRATCH_BYTES - 256, one, 0, 512) != -lichen.fs.Errno.EIO) return "a read past the end was not EIO";
        if (b.write(-1, one, 0, 1) != -lichen.fs.Errno.EIO) return "a write at -1 was not EIO";
        return null;
    }

    /** Writes {@code len} bytes of a pattern seeded {@code seed} at {@code pos}, reads them back, and checks the bytes on either side kept. */
    @Async
    private static String writeAndReadBack(VirtioBlock b, long pos, int len, int seed) {
        byte[] before = new byte[1], after = new byte[1];
        if (pos > 0 && b.read(pos - 1, before, 0, 1) != 1) return "reading the byte before " + pos + " failed";
        if (pos + len < b.size() && b.read(pos + len, after, 0, 1) != 1) return "reading the byte after failed";
        byte[] data = new byte[len];
        for (int i = 0; i < len; i++) data[i] = (byte) (i * seed + seed + (i >> 9));
        int w = b.write(pos, data, 0, len);
        if (w != len) return "write of " + len + " at " + pos + ": " + w;
        byte[] back = new byte[len];
        int r = b.read(pos, back, 0, len);
        if (r != len) return "read of " + len + " at " + pos + ": " + r;
        for (int i = 0; i < len; i++) if (back[i] != data[i]) return "byte " + (pos + i) + " reads " + back[i] + ", wrote " + data[i];
        byte[] check = new byte[1];
        if (pos > 0 && (b.read(pos - 1, check, 0, 1) != 1 || check[0] != before[0])) return "the byte before " + pos + " changed";
        if (pos + len < b.size() && (b.read(pos + len, check, 0, 1) != 1 || check[0] != after[0])) return "the byte after the range changed";
        return null;
    }
}
