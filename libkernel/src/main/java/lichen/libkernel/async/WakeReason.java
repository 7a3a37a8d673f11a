package lichen.libkernel.async;

import lichen.libkernel.Errno;

/** Why a blocked task runs again, as the value its sleep returns: 0, -ETIMEDOUT or -EINTR. */
public final class WakeReason {
    private WakeReason() {}

    public static final int WOKEN = 0;
    public static final int TIMED_OUT = -Errno.ETIMEDOUT;
    public static final int INTERRUPTED = -Errno.EINTR;
}
