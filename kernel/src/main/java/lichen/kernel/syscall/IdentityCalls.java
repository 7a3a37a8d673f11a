package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * Who a process is (man 2 getresuid, getgroups). Every process runs as root
 * with no supplementary groups until credentials are kept per process; these
 * calls report exactly that.
 */
final class IdentityCalls {
    private IdentityCalls() {}

    /** getresuid(2) and getresgid(2): real, effective and saved ids, all 0. */
    @Async
    static long sysGetresid(Process p, long real, long effective, long saved) {
        if (UserCopy.store32(p.mm(), real, 0) < 0 || UserCopy.store32(p.mm(), effective, 0) < 0
                || UserCopy.store32(p.mm(), saved, 0) < 0) return -Errno.EFAULT;
        return 0;
    }

    /**
     * setuid(2), setgid(2), setresuid(2), setresgid(2): to ids the process
     * already has (0, or -1 for "unchanged" in the res forms) they succeed;
     * any other would need credentials kept per process, which are not yet,
     * and is refused with EPERM rather than pretended.
     */
    static long sysSetid(long... ids) {
        for (long id : ids) if ((int) id != 0 && (int) id != -1) return -Errno.EPERM;
        return 0;
    }

    /** getgroups(2): no supplementary groups, so 0 whatever the size (EINVAL only for a negative one). */
    static long sysGetgroups(Process p, int size, long list) { return size < 0 ? -Errno.EINVAL : 0; }
}
