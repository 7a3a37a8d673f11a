package lichen.kernel.syscall;

import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * The socket calls before there are sockets: socket(2) and socketpair(2)
 * are ENOSYS (logged like any missing call), and the calls on a descriptor
 * answer as Linux does for one that is not a socket: EBADF for a closed
 * descriptor, ENOTSOCK for any other (no descriptor is a socket yet).
 */
final class SocketCalls {
    private SocketCalls() {}

    /** bind, listen, accept, connect, getsockname, getpeername, sendto, recvfrom, setsockopt, getsockopt, shutdown, sendmsg, recvmsg. */
    static long sysOnDescriptor(Process p, int fd) {
        return FileCalls.file(p, fd) == null ? -Errno.EBADF : -Errno.ENOTSOCK;
    }
}
