package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * process_vm_readv(2) and process_vm_writev(2): bytes move between the
 * caller's iovecs and another process's, in order, through a kernel buffer
 * (strace reads its tracees' strings so). Both sides are checked as every
 * user copy is: a bad address ends the transfer, and the result is what
 * moved before it, or EFAULT when nothing did (man 2 process_vm_readv).
 */
final class ProcessMemoryCalls {
    /** UIO_MAXIOV. */
    static final long MAX_IOV = 1024;
    /** The buffer's last bytes hold the two iovecs being worked on; the rest carries data. */
    private static final int IOV_AT = TransferBuffers.SIZE - 32, CHUNK = 4096;

    private ProcessMemoryCalls() {}

    @Async
    static long sysProcessVmReadv(Process p, int pid, long local, long localCount, long remote, long remoteCount, long flags) {
        return transfer(p, pid, local, localCount, remote, remoteCount, flags, false);
    }

    @Async
    static long sysProcessVmWritev(Process p, int pid, long local, long localCount, long remote, long remoteCount, long flags) {
        return transfer(p, pid, local, localCount, remote, remoteCount, flags, true);
    }

    @Async
    private static long transfer(Process p, int pid, long local, long localCount, long remote, long remoteCount, long flags, boolean write) {
        if (flags != 0 || localCount < 0 || remoteCount < 0 || localCount > MAX_IOV || remoteCount > MAX_IOV) return -Errno.EINVAL;
        Process t = Processes.byPid(pid);
        if (t == null || t.state() != Process.LIVE || t.mm() == null) return -Errno.ESRCH;
        UserAddressSpace mine = p.mm(), theirs = t.mm();
        byte[] b = TransferBuffers.take();
        long done = 0;
        int li = 0, ri = 0;
        long lBase = 0, lLeft = 0, rBase = 0, rLeft = 0;
        boolean fault = false;
        while (true) {
            while (lLeft == 0 && li < localCount) {
                if (UserCopy.copyIn(mine, local + 16L * li, b, IOV_AT, 16) < 0) { fault = true; break; }
                lBase = LittleEndian.u64(b, IOV_AT);
                lLeft = LittleEndian.u64(b, IOV_AT + 8);
                li++;
            }
            while (!fault && rLeft == 0 && ri < remoteCount) {
                if (UserCopy.copyIn(mine, remote + 16L * ri, b, IOV_AT + 16, 16) < 0) { fault = true; break; }
                rBase = LittleEndian.u64(b, IOV_AT + 16);
                rLeft = LittleEndian.u64(b, IOV_AT + 24);
                ri++;
            }
            if (fault || lLeft == 0 || rLeft == 0) break;
            // No piece crosses a page of the remote side, so a fault there ends the transfer exactly at the page.
            int n = (int) Math.min(Math.min(lLeft, rLeft), CHUNK - (rBase & (CHUNK - 1)));
            if (write) {
                if (UserCopy.copyIn(mine, lBase, b, 0, n) < 0 || UserCopy.copyOut(theirs, rBase, b, 0, n) < 0) { fault = true; break; }
            } else {
                if (UserCopy.copyIn(theirs, rBase, b, 0, n) < 0 || UserCopy.copyOut(mine, lBase, b, 0, n) < 0) { fault = true; break; }
            }
            done += n;
            lBase += n;
            lLeft -= n;
            rBase += n;
            rLeft -= n;
        }
        TransferBuffers.give(b);
        return done == 0 && fault ? -Errno.EFAULT : done;
    }
}
