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
 * copyOut of 64 KiB to present user pages, in bytes per second: UserCopy's fast
 * path (LDTR/STTR, usercopy.S) against UserTableWalk's page-by-page walk.
 */
final class UserCopyBench {
    private static final long AT = 0x100000;
    private static final int BYTES = 64 * 1024, ROUNDS = 200;
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
        long start = Timer.nanos();
        for (int i = 0; i < ROUNDS; i++) UserCopy.copyOut(mm, AT, b, 0, BYTES);
        long fast = Timer.nanos() - start;
        start = Timer.nanos();
        for (int i = 0; i < ROUNDS; i++) UserTableWalk.copyOut(mm, AT, b, 0, BYTES);
        long walk = Timer.nanos() - start;
        long total = (long) BYTES * ROUNDS;
        report = "bench: copyOut of 64 KiB: fast path (LDTR/STTR) " + total * 1000 / fast + " MB/s, software walk "
                + total * 1000 / walk + " MB/s (" + ROUNDS + " rounds each)";
    }
}
