package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.fs.Result;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.socket.Message;
import lichen.kernel.socket.Socket;
import lichen.kernel.socket.SocketFamilies;
import lichen.kernel.socket.SocketFamily;
import lichen.kernel.socket.SocketFiles;
import lichen.kernel.socket.SocketOptions;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * The socket calls that make, name, connect and configure sockets
 * (socket(2), socketpair(2), bind(2), listen(2), accept(2), connect(2),
 * getsockname(2), getpeername(2), shutdown(2), getsockopt(2)); the family
 * behind the socket does the work ({@link Socket}). {@link MessageCalls}
 * has the calls that move data.
 */
final class SocketCalls {
    private SocketCalls() {}

    /** The socket {@code fd} names, or null: then {@link #notSocket} is the error. */
    static Socket socket(Process p, int fd) { return SocketFiles.of(FileCalls.file(p, fd)); }

    /** EBADF for a descriptor not open, ENOTSOCK for one that is no socket. */
    static long notSocket(Process p, int fd) { return FileCalls.file(p, fd) == null ? -Errno.EBADF : -Errno.ENOTSOCK; }

    /**
     * Checks socket(2)'s domain and type (__sock_create): flags other than
     * SOCK_NONBLOCK and SOCK_CLOEXEC in the type are EINVAL, a domain out of
     * range or without a family EAFNOSUPPORT, a type past SOCK_MAX EINVAL.
     * The family, or null with the errno in {@code err[0]}.
     */
    private static SocketFamily family(int domain, int type, long[] err) {
        err[0] = 0;
        if ((type & ~Socket.SOCK_TYPE_MASK & ~(Socket.SOCK_NONBLOCK | Socket.SOCK_CLOEXEC)) != 0) err[0] = -Errno.EINVAL;
        else if (SocketFamilies.find(domain) == null) err[0] = -Errno.EAFNOSUPPORT;
        else if ((type & Socket.SOCK_TYPE_MASK) >= Socket.SOCK_MAX) err[0] = -Errno.EINVAL;
        return err[0] == 0 ? SocketFamilies.find(domain) : null;
    }

    /** A descriptor for {@code s} with SOCK_NONBLOCK and SOCK_CLOEXEC of {@code flags}: it, or -EMFILE/-ENOMEM (the socket closed). */
    @Async
    static long install(Process p, Socket s, int flags) {
        FsContext ctx = p.files();
        Result<OpenFile> f = SocketFiles.open(s, flags);
        if (!f.ok()) {
            s.released(null);
            return f.error;
        }
        int fd = ctx == null ? -Errno.EMFILE : ctx.fds.install(f.value, (flags & Socket.SOCK_CLOEXEC) != 0);
        if (fd < 0) f.value.close();
        return fd;
    }

    /** socket(2): a new socket of {@code domain}, {@code type} (with SOCK_NONBLOCK, SOCK_CLOEXEC) and {@code protocol}. */
    @Async
    static long sysSocket(Process p, int domain, int type, int protocol) {
        long[] err = new long[1];
        SocketFamily fam = family(domain, type, err);
        if (fam == null) return err[0];
        Result<Socket> s = fam.create(type & Socket.SOCK_TYPE_MASK, protocol);
        if (!s.ok()) return s.error;
        return install(p, s.value, type);
    }

    /** socketpair(2): two connected sockets, their descriptors in {@code sv[0]} and {@code sv[1]}; EFAULT for a bad array, with neither left open. */
    @Async
    static long sysSocketpair(Process p, int domain, int type, int protocol, long sv) {
        long[] err = new long[1];
        SocketFamily fam = family(domain, type, err);
        if (fam == null) return err[0];
        Socket[] pair = new Socket[2];
        int rc = fam.pair(type & Socket.SOCK_TYPE_MASK, protocol, pair);
        if (rc < 0) return rc;
        long a = install(p, pair[0], type);
        if (a < 0) {
            pair[1].released(null);
            return a;
        }
        long b = install(p, pair[1], type);
        if (b < 0) {
            p.files().fds.close((int) a);
            return b;
        }
        byte[] fds = new byte[8];
        LittleEndian.put32(fds, 0, (int) a);
        LittleEndian.put32(fds, 4, (int) b);
        if (UserCopy.copyOut(p.mm(), sv, fds, 0, 8) < 0) {
            p.files().fds.close((int) a);
            p.files().fds.close((int) b);
            return -Errno.EFAULT;
        }
        return 0;
    }

    /** bind(2): gives the socket the name at {@code addr} ({@code len} bytes). */
    @Async
    static long sysBind(Process p, int fd, long addr, int len) {
        Socket s = socket(p, fd);
        if (s == null) return notSocket(p, fd);
        byte[] a = Kmem.newBytes(Message.ADDRESS_MAX);
        int n = SocketAddresses.copyIn(p, addr, len, a);
        long rc = n < 0 ? n : s.bind(p.files(), a, n);
        Kmem.free(a);
        return rc;
    }

    /** listen(2): the socket takes connections, up to {@code backlog} waiting; EOPNOTSUPP for a type without connections. */
    @Async
    static long sysListen(Process p, int fd, int backlog) {
        Socket s = socket(p, fd);
        return s == null ? notSocket(p, fd) : s.listen(backlog);
    }

    /** connect(2): to the address at {@code addr}; a non-blocking socket does not wait for room in a listener's backlog (EAGAIN). */
    @Async
    static long sysConnect(Process p, int fd, long addr, int len) {
        Socket s = socket(p, fd);
        if (s == null) return notSocket(p, fd);
        byte[] a = Kmem.newBytes(Message.ADDRESS_MAX);
        int n = SocketAddresses.copyIn(p, addr, len, a);
        long rc = n < 0 ? n : s.connect(p.files(), a, n, s.nonBlocking(null));
        Kmem.free(a);
        return rc;
    }

    /**
     * accept4(2): a descriptor for the next connection, SOCK_NONBLOCK and
     * SOCK_CLOEXEC from {@code flags} (others EINVAL); the peer's address
     * into {@code addr} when it is not NULL, with {@code *addrlen}'s rules.
     */
    @Async
    static long sysAccept4(Process p, int fd, long addr, long addrlen, int flags) {
        if ((flags & ~(Socket.SOCK_NONBLOCK | Socket.SOCK_CLOEXEC)) != 0) return -Errno.EINVAL;
        Socket s = socket(p, fd);
        if (s == null) return notSocket(p, fd);
        Result<Socket> c = s.accept(s.nonBlocking(null));
        if (!c.ok()) return c.error;
        long nfd = install(p, c.value, flags);
        if (nfd < 0 || addr == 0) return nfd;
        byte[] a = Kmem.newBytes(Message.ADDRESS_MAX);
        int len = c.value.peerName(a);
        int rc = len < 0 ? 0 : SocketAddresses.copyOut(p, a, len, addr, addrlen);
        Kmem.free(a);
        if (rc < 0) {
            p.files().fds.close((int) nfd);
            return rc;
        }
        return nfd;
    }

    /** getsockname(2) and getpeername(2): the socket's own name or its peer's into {@code addr}, truncated to {@code *addrlen}. */
    @Async
    static long sysGetsockname(Process p, int fd, long addr, long addrlen) { return name(p, fd, addr, addrlen, false); }

    @Async
    static long sysGetpeername(Process p, int fd, long addr, long addrlen) { return name(p, fd, addr, addrlen, true); }

    @Async
    private static long name(Process p, int fd, long addr, long addrlen, boolean peer) {
        Socket s = socket(p, fd);
        if (s == null) return notSocket(p, fd);
        byte[] a = Kmem.newBytes(Message.ADDRESS_MAX);
        int len = peer ? s.peerName(a) : s.localName(a);
        long rc = len < 0 ? len : SocketAddresses.copyOut(p, a, len, addr, addrlen);
        Kmem.free(a);
        return rc;
    }

    /** shutdown(2): SHUT_RD, SHUT_WR or SHUT_RDWR (others EINVAL). */
    @Async
    static long sysShutdown(Process p, int fd, int how) {
        Socket s = socket(p, fd);
        if (s == null) return notSocket(p, fd);
        if (how < Socket.SHUT_RD || how > Socket.SHUT_RDWR) return -Errno.EINVAL;
        return s.shutdown(how);
    }

    /**
     * setsockopt(2): an int option ({@code optlen} at least 4, else EINVAL),
     * or a struct timeval for SO_RCVTIMEO and SO_SNDTIMEO; EFAULT for an unreadable value, ENOPROTOOPT for an option the socket
     * does not have, EOPNOTSUPP for a level its family has no options at.
     */
    @Async
    static long sysSetsockopt(Process p, int fd, int level, int name, long optval, int optlen) {
        Socket s = socket(p, fd);
        if (s == null) return notSocket(p, fd);
        if (optlen < 0 || (level == SocketOptions.SOL_SOCKET && optlen < 4)) return -Errno.EINVAL; // before the copy (sock_setsockopt)
        byte[] v = new byte[16];
        int n = Math.min(optlen, 16);
        if (n > 0 && UserCopy.copyIn(p.mm(), optval, v, 0, n) < 0) return -Errno.EFAULT;
        return s.setOption(level, name, v, optlen);
    }

    /**
     * getsockopt(2): the value into {@code optval}, truncated to
     * {@code *optlen} (EINVAL when negative), and {@code *optlen} set to the
     * bytes written (sock_getsockopt).
     */
    @Async
    static long sysGetsockopt(Process p, int fd, int level, int name, long optval, long optlen) {
        Socket s = socket(p, fd);
        if (s == null) return notSocket(p, fd);
        int[] room = new int[1];
        if (UserCopy.load32(p.mm(), optlen, room, 0) < 0) return -Errno.EFAULT;
        if (room[0] < 0) return -Errno.EINVAL;
        byte[] v = Kmem.newBytes(Message.ADDRESS_MAX);
        int len = s.getOption(level, name, v);
        long rc = len;
        if (len >= 0) {
            int n = Math.min(len, room[0]);
            rc = n > 0 && UserCopy.copyOut(p.mm(), optval, v, 0, n) < 0 ? -Errno.EFAULT : UserCopy.store32(p.mm(), optlen, n);
        }
        Kmem.free(v);
        return rc;
    }
}
