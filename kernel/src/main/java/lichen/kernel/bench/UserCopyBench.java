package lichen.kernel.bench;

import lichen.api.Async;
import lichen.arch.aarch64.StackContinuations;
import lichen.arch.aarch64.Timer;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.mm.UserTableWalk;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.Vma;

/**
 * copyOut to present user pages, UserCopy's fast path (LDTR/STTR, usercopy.S)
 * against UserTableWalk's page-by-page walk: 64 KiB in bytes per second, and
 * 16 bytes (a timespec, the common system-call size) in copies per second.
 */
final class UserCopyBench {
    private static final long AT = 0x100000;
    private static final int BYTES = 64 * 1024, ROUNDS = 200, SMALL_PER_ROUND = 100;
    private static String report = "bench: user copy did not run";

    private UserCopyBench() {}

    static String run() {
        UserAddressSpace mm = UserAddressSpace.create();
        if (mm == null) return "bench: user copy: no address space";
        mm.mapFixed(new Vma(AT, AT + BYTES, Prot.READ | Prot.WRITE, 0));
        Executor ex = KernelExecutor.create();
        ex.spawn("usercopy-bench", () -> measure(mm));
        ex.runUntilIdle();
        mm.destroy();
        return report;
    }

    @Async
    private static void measure(UserAddressSpace mm) {
        StackContinuations.setTranslationTable(mm.ttbr0());
        byte[] b = new byte[BYTES];
        if (UserCopy.copyOut(mm, AT, b, 0, BYTES) != 0) return; // every page present from now on
        // Alternating rounds, each kind's best taken: the host's load (TCG shares the machine) only ever adds time.
        long fast = Long.MAX_VALUE, walk = Long.MAX_VALUE, fastSmall = Long.MAX_VALUE, walkSmall = Long.MAX_VALUE;
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = Timer.nanos();
            UserCopy.copyOut(mm, AT, b, 0, BYTES);
            long t1 = Timer.nanos();
            UserTableWalk.copyOut(mm, AT, b, 0, BYTES);
            long t2 = Timer.nanos();
            for (int k = 0; k < SMALL_PER_ROUND; k++) UserCopy.copyOut(mm, AT + 16L * k, b, 0, 16);
            long t3 = Timer.nanos();
            for (int k = 0; k < SMALL_PER_ROUND; k++) UserTableWalk.copyOut(mm, AT + 16L * k, b, 0, 16);
            long t4 = Timer.nanos();
            fast = Math.min(fast, t1 - t0);
            walk = Math.min(walk, t2 - t1);
            fastSmall = Math.min(fastSmall, t3 - t2);
            walkSmall = Math.min(walkSmall, t4 - t3);
        }
        report = "bench: copyOut of 64 KiB: fast path (LDTR/STTR) " + BYTES * 1000L / fast + " MB/s, software walk "
                + BYTES * 1000L / walk + " MB/s; of 16 bytes: fast path " + SMALL_PER_ROUND * 1_000_000L / fastSmall
                + " thousand copies/s, software walk " + SMALL_PER_ROUND * 1_000_000L / walkSmall
                + " thousand (best of " + ROUNDS + " alternating rounds)";
    }
}
