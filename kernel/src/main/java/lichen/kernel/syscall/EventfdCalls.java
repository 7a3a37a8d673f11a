package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.poll.EventFile;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/** eventfd2 (eventfd(2)): a descriptor on a new 64-bit event counter. */
final class EventfdCalls {
    /** EFD_SEMAPHORE; EFD_CLOEXEC and EFD_NONBLOCK are O_CLOEXEC and O_NONBLOCK. */
    static final int EFD_SEMAPHORE = 1;

    private EventfdCalls() {}

    /** eventfd2: the counter starts at {@code initval}; EINVAL for flags other than EFD_SEMAPHORE, EFD_CLOEXEC, EFD_NONBLOCK. */
    @Async
    static long sysEventfd2(Process p, int initval, int flags) {
        if ((flags & ~(EFD_SEMAPHORE | OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK)) != 0) return -Errno.EINVAL;
        EventFile driver = new EventFile(initval & 0xFFFFFFFFL, (flags & EFD_SEMAPHORE) != 0);
        long fd = AnonymousDescriptors.install(p, driver, flags);
        if (fd >= 0) driver.file = FileCalls.file(p, (int) fd);
        return fd;
    }
}
