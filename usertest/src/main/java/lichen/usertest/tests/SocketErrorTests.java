package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.SocketPairs;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Sockets;

/**
 * The socket calls' errors (socket(2), bind(2), getsockopt(2) and the rest):
 * unknown families, types, protocols and flags; descriptors that are not
 * sockets; bad pointers; the addrlen and optlen rules; calls a socket's type
 * does not have.
 */
public final class SocketErrorTests {
    private SocketErrorTests() {}

    public static void register(TestList list) {
        list.add("socket_unknown_family_type_protocol_flags", SocketErrorTests::creation);
        list.add("socket_type_flag_other_than_nonblock_cloexec_einval", SocketErrorTests::typeFlags);
        list.add("socket_calls_on_non_sockets_ebadf_enotsock", SocketErrorTests::notSockets);
        list.add("socket_bad_pointers_efault", SocketErrorTests::badPointers);
        list.add("socket_getsockname_truncates_addrlen_says_whole", SocketErrorTests::truncation);
        list.add("socket_options_buffers_doubled_errors", SocketErrorTests::options);
        list.add("socket_getsockopt_short_optlen_truncates", SocketErrorTests::shortOption);
        list.add("socket_so_rcvtimeo_sndtimeo_end_waits_with_eagain", SocketErrorTests::timeouts);
        list.add("socket_calls_the_type_lacks_eopnotsupp_einval_enotconn", SocketErrorTests::wrongType);
    }

    private static void creation(Check c) {
        c.fails(Errno.EAFNOSUPPORT, Sockets.socket(Sockets.AF_UNSPEC, Sockets.SOCK_STREAM, 0), "AF_UNSPEC");
        c.fails(Errno.EAFNOSUPPORT, Sockets.socket(46, Sockets.SOCK_STREAM, 0), "AF_MAX");
        c.fails(Errno.EAFNOSUPPORT, Sockets.socket(-1, Sockets.SOCK_STREAM, 0), "a negative family");
        c.fails(Errno.EINVAL, Sockets.socket(Sockets.AF_UNIX, 12, 0), "a type past SOCK_MAX");
        c.fails(Errno.ESOCKTNOSUPPORT, Sockets.socket(Sockets.AF_UNIX, 4, 0), "SOCK_RDM on AF_UNIX");
        c.fails(Errno.EPROTONOSUPPORT, Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM, 7), "protocol 7 on AF_UNIX");
        long raw = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_RAW, 0);
        if (c.succeeded(raw, "SOCK_RAW on AF_UNIX")) {
            c.equal(Sockets.SOCK_DGRAM, Sockets.intOption((int) raw, Sockets.SOL_SOCKET, Sockets.SO_TYPE), "is a datagram socket");
            Linux.close((int) raw);
        }
        long pf = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM, Sockets.AF_UNIX);
        if (c.succeeded(pf, "protocol PF_UNIX")) {
            Linux.close((int) pf);
        }
        int[] sv = new int[2];
        c.fails(Errno.EAFNOSUPPORT, Sockets.socketpair(Sockets.AF_UNSPEC, Sockets.SOCK_STREAM, 0, sv), "socketpair of AF_UNSPEC");
        c.fails(Errno.ESOCKTNOSUPPORT, Sockets.socketpair(Sockets.AF_UNIX, 4, 0, sv), "socketpair of SOCK_RDM");
    }

    private static void typeFlags(Check c) {
        c.fails(Errno.EINVAL, Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM | 0x100, 0), "socket with a type flag that is neither SOCK_NONBLOCK nor SOCK_CLOEXEC");
        int[] sv = new int[2];
        c.fails(Errno.EINVAL, Sockets.socketpair(Sockets.AF_UNIX, Sockets.SOCK_DGRAM | 0x100, 0, sv), "socketpair with one");
    }

    private static void notSockets(Check c) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, "/", Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        if (!c.succeeded(fd, "open /")) {
            return;
        }
        int f = (int) fd;
        byte[] a = Sockets.pathAddress(c.path("s"));
        byte[] b = new byte[8];
        int[] len = {8};
        c.fails(Errno.ENOTSOCK, Sockets.bind(f, a, 10), "bind");
        c.fails(Errno.ENOTSOCK, Sockets.listen(f, 1), "listen");
        c.fails(Errno.ENOTSOCK, Sockets.accept(f, null, null), "accept");
        c.fails(Errno.ENOTSOCK, Sockets.connect(f, a, 10), "connect");
        c.fails(Errno.ENOTSOCK, Sockets.getsockname(f, b, len), "getsockname");
        c.fails(Errno.ENOTSOCK, Sockets.getpeername(f, b, len), "getpeername");
        c.fails(Errno.ENOTSOCK, Sockets.send(f, b, 1, 0), "send");
        c.fails(Errno.ENOTSOCK, Sockets.recv(f, b, 1, 0), "recv");
        c.fails(Errno.ENOTSOCK, Sockets.setsockopt(f, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1), "setsockopt");
        c.fails(Errno.ENOTSOCK, Sockets.getsockopt(f, Sockets.SOL_SOCKET, Sockets.SO_TYPE, b, len), "getsockopt");
        c.fails(Errno.ENOTSOCK, Sockets.shutdown(f, Sockets.SHUT_RD), "shutdown");
        byte[] iov = new byte[16];
        c.fails(Errno.ENOTSOCK, Sockets.sendmsg(f, Sockets.msghdr(iov, b, 1, null, 0, null, 0), 0), "sendmsg");
        c.fails(Errno.ENOTSOCK, Sockets.recvmsg(f, Sockets.msghdr(iov, b, 1, null, 0, null, 0), 0), "recvmsg");
        Linux.close(f);
        c.fails(Errno.EBADF, Sockets.listen(f, 1), "listen on a closed descriptor");
        c.fails(Errno.EBADF, Sockets.shutdown(-1, Sockets.SHUT_RD), "shutdown of -1");
    }

    private static void badPointers(Check c) {
        int s = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        if (s < 0) {
            return;
        }
        c.fails(Errno.EFAULT, Sockets.bind(s, 8L, 10), "bind with an unreadable address");
        c.fails(Errno.EINVAL, Sockets.bind(s, Sockets.pathAddress("x"), 200), "bind with an address longer than sockaddr_storage");
        c.fails(Errno.EINVAL, Sockets.bind(s, Sockets.pathAddress("x"), 1), "bind with a length below sun_family");
        c.fails(Errno.EFAULT, Sockets.socketpair(Sockets.AF_UNIX, Sockets.SOCK_STREAM, 0, 8L), "socketpair into an unwritable array");
        c.fails(Errno.EFAULT, Sockets.getsockname(s, 8L, 8L), "getsockname with an unreadable addrlen");
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv != null) {
            c.fails(Errno.EFAULT, Sockets.sendto(sv[0], 8L, 4, 0, 0, 0), "a connected send from an unreadable buffer");
            Sockets.send(sv[0], new byte[4], 4, 0);
            c.fails(Errno.EFAULT, Sockets.recvfrom(sv[1], 8L, 4, 0, 0, 0), "recv into an unwritable buffer");
            SocketPairs.close(sv[0], sv[1]);
        }
        Linux.close(s);
    }

    private static void truncation(Check c) {
        String name = "trunc-" + Linux.getpid();
        int s = SocketPairs.socket(c, Sockets.SOCK_DGRAM);
        if (s < 0) {
            return;
        }
        c.returned(0, Sockets.bind(s, Sockets.abstractAddress(name), Sockets.abstractLength(name)), "bind");
        byte[] a = new byte[16];
        java.util.Arrays.fill(a, (byte) 0x55);
        int[] len = {5};
        c.returned(0, Sockets.getsockname(s, a, len), "getsockname into 5 bytes");
        c.equal(Sockets.abstractLength(name), len[0], "addrlen is the whole length");
        c.equal(name.charAt(1), a[4], "the fifth byte was written");
        c.equal(0x55, a[5], "the sixth was not");
        len[0] = -1;
        c.fails(Errno.EINVAL, Sockets.getsockname(s, a, len), "a negative addrlen");
        len[0] = 0;
        c.returned(0, Sockets.getsockname(s, a, len), "addrlen 0");
        c.equal(Sockets.abstractLength(name), len[0], "still told the length");
        Linux.close(s);
    }

    private static void options(Check c) {
        int s = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        if (s < 0) {
            return;
        }
        c.returned(0, Sockets.setsockopt(s, Sockets.SOL_SOCKET, Sockets.SO_SNDBUF, 10000), "SO_SNDBUF 10000");
        c.equal(20000, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_SNDBUF), "Linux doubles it");
        c.returned(0, Sockets.setsockopt(s, Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, 50000), "SO_RCVBUF 50000");
        c.equal(100000, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_RCVBUF), "doubled too");
        c.returned(0, Sockets.setsockopt(s, Sockets.SOL_SOCKET, Sockets.SO_SNDBUF, 1), "SO_SNDBUF 1");
        c.equal(4608, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_SNDBUF), "raised to SOCK_MIN_SNDBUF");
        c.returned(0, Sockets.setsockopt(s, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1), "SO_REUSEADDR");
        c.equal(1, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR), "reads back");
        c.returned(0, Sockets.setsockopt(s, Sockets.SOL_SOCKET, Sockets.SO_KEEPALIVE, 7), "SO_KEEPALIVE 7");
        c.equal(1, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_KEEPALIVE), "a flag reads back as 1");
        c.fails(Errno.ENOPROTOOPT, Sockets.setsockopt(s, Sockets.SOL_SOCKET, 9999, 1), "an unknown option");
        c.fails(Errno.ENOPROTOOPT, Sockets.setsockopt(s, Sockets.SOL_SOCKET, Sockets.SO_TYPE, 1), "SO_TYPE cannot be set");
        c.fails(Errno.EINVAL, Sockets.setsockopt(s, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 0, 2), "optlen 2");
        c.fails(Errno.EFAULT, Sockets.setsockopt(s, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 8L, 4), "an unreadable value");
        c.fails(Errno.EOPNOTSUPP, Sockets.setsockopt(s, 6, 1, 1), "level IPPROTO_TCP on a unix socket");
        byte[] v = new byte[8];
        int[] len = {-1};
        c.fails(Errno.EINVAL, Sockets.getsockopt(s, Sockets.SOL_SOCKET, Sockets.SO_TYPE, v, len), "a negative optlen");
        len[0] = 4;
        c.fails(Errno.ENOPROTOOPT, Sockets.getsockopt(s, Sockets.SOL_SOCKET, 9999, v, len), "getsockopt of an unknown option");
        Linux.close(s);
    }

    /** An int option read into a shorter optval is truncated to optlen bytes (sock_getsockopt). */
    private static void shortOption(Check c) {
        int s = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        if (s < 0) {
            return;
        }
        byte[] v = new byte[8];
        java.util.Arrays.fill(v, (byte) 0x55);
        int[] len = {2};
        c.returned(0, Sockets.getsockopt(s, Sockets.SOL_SOCKET, Sockets.SO_TYPE, v, len), "getsockopt into 2 bytes");
        c.equal(2, len[0], "optlen is what was written");
        c.equal(Sockets.SOCK_STREAM, LittleEndian.u16(v, 0), "the low bytes");
        c.equal(0x55, v[2] & 0xff, "nothing past them");
        Linux.close(s);
    }

    private static final int SO_RCVTIMEO = 20, SO_SNDTIMEO = 21;

    private static byte[] timeval(long sec, long usec) {
        byte[] tv = new byte[16];
        LittleEndian.put64(tv, 0, sec);
        LittleEndian.put64(tv, 8, usec);
        return tv;
    }

    /**
     * SO_RCVTIMEO and SO_SNDTIMEO (socket(7)): a struct timeval read back as
     * set; a receive, an accept and a send on a full buffer give up with
     * EAGAIN once it passes; EDOM for tv_usec of a second or more, EINVAL for
     * a short optlen.
     */
    private static void timeouts(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv == null) {
            return;
        }
        byte[] tv = timeval(0, 100_000);
        c.returned(0, Sockets.setsockopt(sv[1], Sockets.SOL_SOCKET, SO_RCVTIMEO, Linux.address(tv), 16), "SO_RCVTIMEO 100 ms");
        byte[] got = new byte[16];
        int[] len = {16};
        c.returned(0, Sockets.getsockopt(sv[1], Sockets.SOL_SOCKET, SO_RCVTIMEO, got, len), "read it back");
        c.equal(16, len[0], "a struct timeval");
        c.equal(100_000, LittleEndian.u64(got, 8), "tv_usec");
        byte[] b = new byte[4];
        long start = FutexTests.monotonic(c);
        c.fails(Errno.EAGAIN, Sockets.recv(sv[1], b, 4, 0), "recv with nothing to read gives up");
        long waited = FutexTests.monotonic(c) - start;
        c.isTrue(waited >= 90_000_000L, "it waited about 100 ms: " + waited / 1000 + " us");
        c.fails(Errno.EDOM, Sockets.setsockopt(sv[1], Sockets.SOL_SOCKET, SO_RCVTIMEO, Linux.address(timeval(0, 1_000_000)), 16), "tv_usec of a second");
        c.fails(Errno.EINVAL, Sockets.setsockopt(sv[1], Sockets.SOL_SOCKET, SO_RCVTIMEO, Linux.address(tv), 8), "optlen 8");
        byte[] filler = new byte[4096];
        while (Sockets.send(sv[0], filler, filler.length, Sockets.MSG_DONTWAIT) > 0) {
            // fill sv[0]'s send buffer
        }
        c.returned(0, Sockets.setsockopt(sv[0], Sockets.SOL_SOCKET, SO_SNDTIMEO, Linux.address(timeval(0, 50_000)), 16), "SO_SNDTIMEO 50 ms");
        c.fails(Errno.EAGAIN, Sockets.send(sv[0], filler, filler.length, 0), "a blocking send on a full buffer gives up");
        String path = c.path("s");
        int l = SocketPairs.listener(c, Sockets.SOCK_STREAM, path);
        if (l >= 0) {
            c.returned(0, Sockets.setsockopt(l, Sockets.SOL_SOCKET, SO_RCVTIMEO, Linux.address(timeval(0, 20_000)), 16), "SO_RCVTIMEO on a listener");
            c.fails(Errno.EAGAIN, Sockets.accept(l, null, null), "accept gives up");
            Linux.close(l);
            SocketPairs.unlink(path);
        }
        SocketPairs.close(sv[0], sv[1]);
    }

    private static void wrongType(Check c) {
        int d = SocketPairs.socket(c, Sockets.SOCK_DGRAM);
        int s = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        if (d < 0 || s < 0) {
            return;
        }
        String name = "wrongtype-" + Linux.getpid();
        c.returned(0, Sockets.bind(d, Sockets.abstractAddress(name), Sockets.abstractLength(name)), "bind the datagram socket");
        c.fails(Errno.EOPNOTSUPP, Sockets.listen(d, 1), "listen on a datagram socket");
        c.fails(Errno.EOPNOTSUPP, Sockets.accept(d, null, null), "accept on a datagram socket");
        c.fails(Errno.EINVAL, Sockets.listen(s, 1), "listen on an unbound stream socket");
        c.fails(Errno.EINVAL, Sockets.accept(s, null, null), "accept on a stream socket that does not listen");
        byte[] b = new byte[4];
        c.fails(Errno.ENOTCONN, Sockets.send(s, b, 1, 0), "send on an unconnected stream socket");
        c.fails(Errno.EINVAL, Sockets.recv(s, b, 1, 0), "recv on an unconnected stream socket");
        int[] len = {8};
        c.fails(Errno.ENOTCONN, Sockets.getpeername(s, b, len), "getpeername of an unconnected socket");
        c.fails(Errno.EOPNOTSUPP, Sockets.sendto(s, b, 1, 0, Sockets.abstractAddress(name), Sockets.abstractLength(name)), "sendto with an address on an unconnected stream");
        SocketPairs.close(d, s);
    }
}
