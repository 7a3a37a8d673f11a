package lichen.kernel.signal;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.kernel.mm.PageSource;
import lichen.kernel.mm.UserAddressSpace;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.Vma;

/**
 * Where a signal handler returns to when the program gave no restorer:
 * glibc on arm64 leaves SA_RESTORER clear and relies on the kernel's
 * trampoline (Linux's vDSO __kernel_rt_sigreturn). Each program gets one
 * read-and-execute page, "[sigpage]", holding MOV X8, #139 (rt_sigreturn);
 * SVC #0. Exec maps it; fork copies it with the other areas.
 */
@Unsafe
public final class SigreturnPage {
    /** MOVZ X8, #139; SVC #0 (ARM ARM C6.2.191, C6.2.317). */
    static final int MOV_X8_RT_SIGRETURN = 0xD2800000 | 139 << 5 | 8, SVC_0 = 0xD4000001;

    private SigreturnPage() {}

    /** Maps the page below the mmap base; its address, or -errno. */
    public static long map(UserAddressSpace mm) {
        long at = mm.areas().findGap(UserAddressSpace.PAGE);
        if (at < 0) return at;
        PageSource code = SigreturnPage::fill;
        int rc = mm.mapFixed(new Vma(at, at + UserAddressSpace.PAGE, Prot.READ | Prot.EXEC, 0).withFile(code, 0, 0, 0, "[sigpage]", 0));
        return rc < 0 ? rc : at;
    }

    @Async
    private static int fill(long pa, long offset) {
        Mem.store32(pa, MOV_X8_RT_SIGRETURN);
        Mem.store32(pa + 4, SVC_0);
        return 0;
    }
}
