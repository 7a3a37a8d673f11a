package lichen.fs.vfs;

/** The poll(2) event bits (include/uapi/asm-generic/poll.h), as struct pollfd's events and revents hold them. */
public final class PollEvents {
    private PollEvents() {}

    public static final int POLLIN = 0x001, POLLPRI = 0x002, POLLOUT = 0x004, POLLERR = 0x008, POLLHUP = 0x010,
            POLLNVAL = 0x020, POLLRDNORM = 0x040, POLLRDBAND = 0x080, POLLWRNORM = 0x100, POLLWRBAND = 0x200,
            POLLRDHUP = 0x2000;

    /** Readable now (with the normal-data bit select(2) and poll(2) both look at). */
    public static final int READABLE = POLLIN | POLLRDNORM;
    /** Writable now. */
    public static final int WRITABLE = POLLOUT | POLLWRNORM;
    /** What a file that never blocks reports: regular files and directories (Linux's DEFAULT_POLLMASK). */
    public static final int ALWAYS_READY = READABLE | WRITABLE;
    /** Reported whether asked for or not. */
    public static final int ALWAYS_REPORTED = POLLERR | POLLHUP | POLLNVAL;
}
