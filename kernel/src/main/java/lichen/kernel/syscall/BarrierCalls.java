package lichen.kernel.syscall;

import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * membarrier(2): a memory barrier on every thread of the process (or of
 * the system) that runs user code. User threads here run on one CPU, one
 * at a time, and every switch between them passes through the kernel's
 * exception entry and return, which order memory (ARM ARM B2.3.11: an
 * exception entry and ERET are context synchronization events, and the
 * switch itself is in program order on one PE). So each barrier command
 * holds once its checks pass; with user threads on several CPUs the
 * expedited commands will need an IPI to each. musl's dynamic programs
 * call it; before it was answered they logged ENOSYS.
 */
final class BarrierCalls {
    /** enum membarrier_cmd (include/uapi/linux/membarrier.h). */
    static final int QUERY = 0, GLOBAL = 1, GLOBAL_EXPEDITED = 2, REGISTER_GLOBAL_EXPEDITED = 4, PRIVATE_EXPEDITED = 8,
            REGISTER_PRIVATE_EXPEDITED = 16, PRIVATE_EXPEDITED_SYNC_CORE = 32, REGISTER_PRIVATE_EXPEDITED_SYNC_CORE = 64;
    /** What QUERY answers: every command but the rseq ones, as a kernel without CONFIG_RSEQ (rseq(2) is ENOSYS here). */
    static final int SUPPORTED = GLOBAL | GLOBAL_EXPEDITED | REGISTER_GLOBAL_EXPEDITED | PRIVATE_EXPEDITED
            | REGISTER_PRIVATE_EXPEDITED | PRIVATE_EXPEDITED_SYNC_CORE | REGISTER_PRIVATE_EXPEDITED_SYNC_CORE;

    private BarrierCalls() {}

    /** membarrier(cmd, flags, cpu_id): the supported set for QUERY, else 0; EINVAL, or EPERM for a private command not registered for. */
    static long sysMembarrier(Process p, int cmd, int flags) {
        if (flags != 0) return -Errno.EINVAL; // MEMBARRIER_CMD_FLAG_CPU belongs to the rseq command only
        UserAddressSpace mm = p.mm();
        switch (cmd) {
            case QUERY -> { return SUPPORTED; }
            case GLOBAL, GLOBAL_EXPEDITED -> { return 0; }
            case REGISTER_GLOBAL_EXPEDITED, REGISTER_PRIVATE_EXPEDITED, REGISTER_PRIVATE_EXPEDITED_SYNC_CORE -> {
                mm.addMembarrierRegistration(cmd);
                return 0;
            }
            case PRIVATE_EXPEDITED -> { return (mm.membarrierRegistrations() & REGISTER_PRIVATE_EXPEDITED) != 0 ? 0 : -Errno.EPERM; }
            case PRIVATE_EXPEDITED_SYNC_CORE -> {
                return (mm.membarrierRegistrations() & REGISTER_PRIVATE_EXPEDITED_SYNC_CORE) != 0 ? 0 : -Errno.EPERM;
            }
            default -> { return -Errno.EINVAL; }
        }
    }
}
