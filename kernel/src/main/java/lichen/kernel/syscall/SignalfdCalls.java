package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.signal.SignalQueueFile;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/** signalfd4 (signalfd(2)): a descriptor to read pending signals from. */
final class SignalfdCalls {
    private SignalfdCalls() {}

    /**
     * signalfd4: with {@code fd} -1 a new signalfd for the signals in the mask;
     * with a signalfd's descriptor, its new mask. EINVAL for a sizemask other
     * than 8, unknown flags (SFD_CLOEXEC and SFD_NONBLOCK are O_CLOEXEC and
     * O_NONBLOCK) or an fd that is no signalfd; EFAULT; EBADF.
     */
    @Async
    static long sysSignalfd4(Process p, int fd, long mask, long sizemask, int flags) {
        if (sizemask != SignalCalls.SIGSET_SIZE) return -Errno.EINVAL;
        byte[] m = new byte[8];
        if (UserCopy.copyIn(p.mm(), mask, m, 0, 8) < 0) return -Errno.EFAULT;
        if ((flags & ~(OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK)) != 0) return -Errno.EINVAL;
        long set = LittleEndian.u64(m, 0);
        if (fd != -1) {
            OpenFile f = FileCalls.file(p, fd);
            if (f == null) return -Errno.EBADF;
            if (!(f.device instanceof SignalQueueFile q)) return -Errno.EINVAL;
            q.setMask(set);
            return fd;
        }
        SignalQueueFile driver = new SignalQueueFile(set);
        long r = AnonymousDescriptors.install(p, driver, flags);
        if (r >= 0) driver.file = FileCalls.file(p, (int) r);
        return r;
    }
}
