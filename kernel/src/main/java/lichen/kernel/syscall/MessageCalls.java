package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.arch.aarch64.Timer;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.socket.Message;
import lichen.kernel.socket.MessageFlags;
import lichen.kernel.socket.Socket;
import lichen.kernel.socket.UserIovecs;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * The socket calls that move data: sendto(2), recvfrom(2), sendmsg(2),
 * recvmsg(2), sendmmsg(2) and recvmmsg(2). A struct msghdr is void
 * *msg_name, socklen_t msg_namelen, struct iovec *msg_iov, size_t
 * msg_iovlen, void *msg_control, size_t msg_controllen, int msg_flags
 * (56 bytes); a struct mmsghdr adds unsigned msg_len (64 bytes).
 */
final class MessageCalls {
    static final int MSGHDR = 56, MMSGHDR = 64;
    private static final int NAME = 0, NAMELEN = 8, IOV = 16, IOVLEN = 24, CONTROL = 32, CONTROLLEN = 40, FLAGS = 48, MSG_LEN = 56;
    /** MAX_RW_COUNT: one call moves at most this many bytes. */
    private static final long MAX_RW_COUNT = 0x7ffff000L;

    private MessageCalls() {}

    /** sendto(2): {@code len} bytes at {@code buf}, to the address at {@code dest} ({@code destLen} bytes) when it is not NULL. */
    @Async
    static long sysSendto(Process p, int fd, long buf, long len, int flags, long dest, int destLen) {
        return oneBuffer(p, fd, buf, len, flags, dest, destLen, true);
    }

    /** recvfrom(2): up to {@code len} bytes into {@code buf}; the sender's address into {@code src} (room in {@code *srcLen}) when it is not NULL. */
    @Async
    static long sysRecvfrom(Process p, int fd, long buf, long len, int flags, long src, long srcLen) {
        return oneBuffer(p, fd, buf, len, flags, src, srcLen, false);
    }

    /** sendto or recvfrom: {@code addrLen} is sendto's length, or recvfrom's pointer to one. */
    @Async
    private static long oneBuffer(Process p, int fd, long buf, long len, int flags, long addr, long addrLen, boolean send) {
        Socket s = SocketCalls.socket(p, fd);
        if (s == null) return SocketCalls.notSocket(p, fd);
        Message m = new Message(flags);
        UserIovecs data = new UserIovecs(p.mm());
        long rc = data.single(buf, Math.min(len, MAX_RW_COUNT));
        if (send) {
            m.source = data;
            if (rc == 0 && addr != 0) {
                rc = SocketAddresses.copyIn(p, addr, (int) addrLen, m.address);
                if (rc >= 0) m.addressLength = (int) rc;
            }
            if (rc >= 0) rc = s.send(p.files(), m);
        } else {
            m.sink = data;
            if (rc == 0) rc = s.receive(m);
            if (rc >= 0 && addr != 0) {
                int out = SocketAddresses.copyOut(p, m.address, m.addressLength, addr, addrLen);
                if (out < 0) rc = out;
            }
        }
        m.dispose();
        data.free();
        return rc;
    }

    /** sendmsg(2): the message described by the struct msghdr at {@code msg}. */
    @Async
    static long sysSendmsg(Process p, int fd, long msg, int flags) { return onSocket(p, fd, msg, flags, true); }

    /** recvmsg(2): into the message described by the struct msghdr at {@code msg}. */
    @Async
    static long sysRecvmsg(Process p, int fd, long msg, int flags) { return onSocket(p, fd, msg, flags, false); }

    @Async
    private static long onSocket(Process p, int fd, long msg, int flags, boolean send) {
        Socket s = SocketCalls.socket(p, fd);
        if (s == null) return SocketCalls.notSocket(p, fd);
        return one(p, s, msg, flags, send);
    }

    /** One sendmsg or recvmsg: the struct msghdr and its iovecs read, the message sent or received, what was made freed. */
    @Async
    private static long one(Process p, Socket s, long msg, int flags, boolean send) {
        byte[] h = Kmem.newBytes(MSGHDR);
        Message m = new Message(flags);
        UserIovecs data = new UserIovecs(p.mm());
        long rc = UserCopy.copyIn(p.mm(), msg, h, 0, MSGHDR) < 0 ? -Errno.EFAULT : data.load(LittleEndian.u64(h, IOV), LittleEndian.u64(h, IOVLEN));
        if (send) m.source = data;
        else m.sink = data;
        if (rc == 0) rc = send ? sendParts(p, s, h, m) : receiveParts(p, s, msg, h, m);
        m.dispose();
        data.free();
        Kmem.free(h);
        return rc;
    }

    /**
     * sendmsg's name (msg_namelen capped at sizeof(struct sockaddr_storage),
     * EINVAL when negative) and control data, then the send.
     */
    @Async
    private static long sendParts(Process p, Socket s, byte[] h, Message m) {
        long name = LittleEndian.u64(h, NAME);
        int nameLen = name == 0 ? 0 : LittleEndian.u32(h, NAMELEN);
        long rc = 0;
        if (nameLen != 0) {
            rc = nameLen < 0 ? -Errno.EINVAL : SocketAddresses.copyIn(p, name, Math.min(nameLen, Message.ADDRESS_MAX), m.address);
            if (rc >= 0) m.addressLength = (int) rc;
        }
        if (rc >= 0) rc = ControlMessages.parse(p, LittleEndian.u64(h, CONTROL), LittleEndian.u64(h, CONTROLLEN), s, m);
        return rc < 0 ? rc : s.send(p.files(), m);
    }

    /**
     * The receive; then, on success, the sender's address into msg_name
     * (msg_namelen's rules as accept's), the control data (msg_controllen
     * becomes what it used), and msg_flags.
     */
    @Async
    private static long receiveParts(Process p, Socket s, long msg, byte[] h, Message m) {
        long name = LittleEndian.u64(h, NAME);
        if (name != 0 && LittleEndian.u32(h, NAMELEN) < 0) return -Errno.EINVAL;
        long rc = s.receive(m);
        if (rc >= 0 && name != 0) {
            int out = SocketAddresses.copyOut(p, m.address, m.addressLength, name, msg + NAMELEN);
            if (out < 0) rc = out;
        }
        if (rc >= 0) {
            long control = LittleEndian.u64(h, CONTROL), room = LittleEndian.u64(h, CONTROLLEN);
            long used = control == 0 && !m.hasCredentials && m.files == null ? 0
                    : ControlMessages.deliver(p, m, control, room, m.has(MessageFlags.MSG_CMSG_CLOEXEC));
            if (control == 0 && (m.hasCredentials || m.files != null)) m.resultFlags |= MessageFlags.MSG_CTRUNC;
            if (used < 0
                    || UserCopy.store64(p.mm(), msg + CONTROLLEN, used) < 0
                    || UserCopy.store32(p.mm(), msg + FLAGS, m.resultFlags) < 0) rc = -Errno.EFAULT;
        }
        return rc;
    }

    /**
     * sendmmsg(2): up to {@code vlen} messages (at most UIO_MAXIOV), each
     * one's msg_len set to the bytes it sent; the count sent, or the first
     * message's error.
     */
    @Async
    static long sysSendmmsg(Process p, int fd, long vec, int vlen, int flags) {
        Socket s = SocketCalls.socket(p, fd);
        if (s == null) return SocketCalls.notSocket(p, fd);
        int n = Math.min(vlen < 0 ? 0 : vlen, UserIovecs.UIO_MAXIOV);
        int sent = 0;
        for (; sent < n; sent++) {
            long at = vec + (long) MMSGHDR * sent;
            long rc = one(p, s, at, flags, true);
            if (rc >= 0 && UserCopy.store32(p.mm(), at + MSG_LEN, (int) rc) < 0) rc = -Errno.EFAULT;
            if (rc < 0) return sent > 0 ? sent : rc;
        }
        return sent;
    }

    /**
     * recvmmsg(2): up to {@code vlen} messages; MSG_WAITFORONE makes every
     * receive after the first non-blocking; a timeout is looked at after
     * each message (as Linux does, so a blocking receive is not cut short by
     * it). An error after some messages is left for the next call as the
     * socket's pending error (SO_ERROR), unless it was EAGAIN.
     */
    @Async
    static long sysRecvmmsg(Process p, int fd, long vec, int vlen, int flags, long timeout) {
        Socket s = SocketCalls.socket(p, fd);
        if (s == null) return SocketCalls.notSocket(p, fd);
        long deadline = 0;
        if (timeout != 0) {
            long[] t = new long[1];
            int rc = TimeCalls.readTimespec(p, timeout, t);
            if (rc < 0) return rc;
            deadline = Timer.nanos() + t[0];
        }
        int n = Math.min(vlen < 0 ? 0 : vlen, UserIovecs.UIO_MAXIOV);
        int received = 0;
        long err = 0;
        while (received < n) {
            long at = vec + (long) MMSGHDR * received;
            long rc = one(p, s, at, flags, false);
            if (rc >= 0 && UserCopy.store32(p.mm(), at + MSG_LEN, (int) rc) < 0) rc = -Errno.EFAULT;
            if (rc < 0) {
                err = rc;
                break;
            }
            received++;
            if ((flags & MessageFlags.MSG_WAITFORONE) != 0) flags |= MessageFlags.MSG_DONTWAIT;
            if (timeout != 0 && Timer.nanos() >= deadline) break;
        }
        if (timeout != 0) TimeCalls.writeTimespec(p, timeout, Math.max(0, deadline - Timer.nanos()));
        if (err == 0 || received == 0) return received > 0 || err == 0 ? received : err;
        if (err != -Errno.EAGAIN) s.options.error = (int) -err;
        return received;
    }
}
