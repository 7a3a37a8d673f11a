package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.socket.Message;
import lichen.libkernel.Errno;

/** Socket addresses crossing the user boundary, with the addrlen rules of bind(2), accept(2) and getsockname(2). */
final class SocketAddresses {
    private SocketAddresses() {}

    /**
     * The {@code len} bytes of the caller's address at {@code addr} into
     * {@code out} (move_addr_to_kernel): EINVAL for a length below 0 or
     * above sizeof(struct sockaddr_storage), EFAULT for an unreadable one.
     */
    @Async
    static int copyIn(Process p, long addr, int len, byte[] out) {
        if (len < 0 || len > Message.ADDRESS_MAX) return -Errno.EINVAL;
        if (len > 0 && UserCopy.copyIn(p.mm(), addr, out, 0, len) < 0) return -Errno.EFAULT;
        return len;
    }

    /**
     * An address of {@code len} bytes back to the caller (move_addr_to_user):
     * {@code *addrlen} says how much room there is (EINVAL when negative);
     * the address is truncated to that, and {@code *addrlen} becomes its
     * whole length, so a caller can tell it was truncated. EFAULT for either
     * pointer unusable.
     */
    @Async
    static int copyOut(Process p, byte[] a, int len, long addr, long addrlen) {
        int[] room = new int[1];
        if (UserCopy.load32(p.mm(), addrlen, room, 0) < 0) return -Errno.EFAULT;
        if (room[0] < 0) return -Errno.EINVAL;
        int n = Math.min(room[0], len);
        if (n > 0 && UserCopy.copyOut(p.mm(), addr, a, 0, n) < 0) return -Errno.EFAULT;
        return UserCopy.store32(p.mm(), addrlen, len) < 0 ? -Errno.EFAULT : 0;
    }
}
