package lichen.kernel.proc;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.libkernel.Errno;
import lichen.libkernel.sync.Cpus;

/**
 * Restartable sequences (rseq(2), include/uapi/linux/rseq.h): a thread
 * registers a struct rseq (32 bytes: u32 cpu_id_start, u32 cpu_id, u64
 * rseq_cs, u32 flags, padding) where the kernel keeps the CPU it runs on,
 * and where it may name a critical section (struct rseq_cs: u32 version, u32
 * flags, u64 start_ip, u64 post_commit_offset, u64 abort_ip). When the
 * thread is preempted, or a signal's handler is about to run, while its PC
 * is inside that section, it resumes at abort_ip instead, after checking
 * that the four bytes before abort_ip are the signature it registered. glibc
 * registers every thread and reads cpu_id for sched_getcpu.
 *
 * User threads run on CPU 0 (they have no other yet), so the CPU number
 * written at registration stays true; the section check runs on every
 * preempted return and as every signal handler's frame is built.
 */
public final class Rseq {
    /** Linux 6.1's struct rseq and its alignment: rseq_len must be exactly this. */
    static final int SIZE = 32;
    static final int FLAG_UNREGISTER = 1;
    /** RSEQ_CPU_ID_UNINITIALIZED: what cpu_id holds while no kernel keeps it. */
    static final int CPU_ID_UNINITIALIZED = -1;
    private static final int CPU_ID_START = 0, CPU_ID = 4, RSEQ_CS = 8;

    private Rseq() {}

    /** rseq(2): registers {@code rseq} for the calling thread, or with RSEQ_FLAG_UNREGISTER gives it up. */
    @Async
    public static long sysRseq(Process p, long rseq, int len, int flags, int sig) {
        if ((flags & ~FLAG_UNREGISTER) != 0) return -Errno.EINVAL;
        if (flags == FLAG_UNREGISTER) {
            if (p.rseqArea == 0 || p.rseqArea != rseq || len != SIZE) return -Errno.EINVAL;
            if (p.rseqSignature != sig) return -Errno.EPERM;
            if (writeCpu(p, 0, CPU_ID_UNINITIALIZED) < 0) return -Errno.EFAULT;
            p.rseqArea = 0;
            return 0;
        }
        if (p.rseqArea != 0) {
            if (p.rseqArea != rseq || len != SIZE) return -Errno.EINVAL;
            return p.rseqSignature != sig ? -Errno.EPERM : -Errno.EBUSY;
        }
        if (len != SIZE || (rseq & (SIZE - 1)) != 0) return -Errno.EINVAL;
        if (!UserCopy.inUserHalf(rseq, SIZE)) return -Errno.EFAULT;
        p.rseqArea = rseq;
        p.rseqSignature = sig;
        int cpu = Cpus.currentCpu(); // the thread's CPU; threads stay on the one they are placed on (docs/kernel.md, "SMP")
        if (writeCpu(p, cpu, cpu) < 0) {
            p.rseqArea = 0;
            return -Errno.EFAULT;
        }
        return 0;
    }

    /** cpu_id_start and cpu_id; 0 or -EFAULT. */
    @Async
    private static int writeCpu(Process p, int start, int cpu) {
        if (UserCopy.store32(p.mm(), p.rseqArea + CPU_ID_START, start) < 0) return -1;
        return UserCopy.store32(p.mm(), p.rseqArea + CPU_ID, cpu);
    }

    /**
     * Before the thread returns to its program after a preemption, or as a
     * signal's handler frame is built: a PC inside the registered critical
     * section moves to its abort handler (rseq_ip_fixup). False when the
     * thread's rseq memory is unusable or the abort signature does not
     * match: the caller ends it with SIGSEGV, as Linux does.
     */
    @Async
    public static boolean leaveCriticalSection(Process p, long frame) {
        if (p.rseqArea == 0) return true;
        long[] w = p.rseqScratch;
        if (UserCopy.load64(p.mm(), p.rseqArea + RSEQ_CS, w, 0) < 0) return false;
        long cs = w[0];
        if (cs == 0) return true;
        // struct rseq_cs: version and flags (both must be 0), start_ip, post_commit_offset, abort_ip.
        if (UserCopy.load64(p.mm(), cs, w, 0) < 0 || UserCopy.load64(p.mm(), cs + 8, w, 1) < 0
                || UserCopy.load64(p.mm(), cs + 16, w, 2) < 0 || UserCopy.load64(p.mm(), cs + 24, w, 3) < 0) return false;
        long start = w[1], length = w[2], abort = w[3];
        if (w[0] != 0 || length < 0 || start + length < start) return false;
        long pc = UserFrame.get(frame, UserFrame.ELR);
        if (Long.compareUnsigned(pc - start, length) >= 0) {
            return UserCopy.store64(p.mm(), p.rseqArea + RSEQ_CS, 0) >= 0; // outside: the section is over (rseq_clear_rseq_cs)
        }
        if (abort - start >= 0 && Long.compareUnsigned(abort - start, length) < 0) return false; // abort_ip inside the section
        int[] signature = p.rseqSignatureScratch;
        if (UserCopy.load32(p.mm(), abort - 4, signature, 0) < 0 || signature[0] != p.rseqSignature) return false;
        if (UserCopy.store64(p.mm(), p.rseqArea + RSEQ_CS, 0) < 0) return false;
        UserFrame.set(frame, UserFrame.ELR, abort);
        return true;
    }
}
