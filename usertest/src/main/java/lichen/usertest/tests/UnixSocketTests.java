package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Processes;
import lichen.usertest.SignalRecorder;
import lichen.usertest.SocketPairs;
import lichen.usertest.TestList;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxEvents;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Sockets;
import lichen.usertest.sys.Stat;
import lichen.usertest.sys.Timespec;
import lichen.usertest.sys.WaitStatus;

/**
 * unix(7) stream sockets: socketpair, pathname and abstract names, listen
 * and accept (blocking, non-blocking, the backlog), shutdown, end of file,
 * EPIPE and SIGPIPE, ECONNRESET, MSG_PEEK, MSG_WAITALL, MSG_DONTWAIT,
 * FIONREAD, readiness, and a receive ended by a signal.
 */
public final class UnixSocketTests {
    private UnixSocketTests() {}

    private static final long MILLIS = 1_000_000L;
    static final int POLLRDHUP = 0x2000;

    public static void register(TestList list) {
        list.add("unix_socket_fstat_is_socket_proc_fd_link_and_type_options", UnixSocketTests::identity);
        list.add("unix_socketpair_stream_both_ways_eof_after_close", UnixSocketTests::pairBothWays);
        list.add("unix_stream_path_bind_listen_connect_accept_names", UnixSocketTests::pathConnect);
        list.add("unix_stream_path_errors_eaddrinuse_econnrefused_enoent_enxio", UnixSocketTests::pathErrors);
        list.add("unix_stream_abstract_name_and_autobind", UnixSocketTests::abstractNames);
        list.add("unix_stream_accept_nonblocking_eagain_blocking_woken_by_connect", UnixSocketTests::acceptWaits);
        list.add("unix_stream_backlog_full_nonblocking_connect_eagain", UnixSocketTests::backlog);
        list.add("unix_stream_shutdown_write_eof_and_epipe_read_side", UnixSocketTests::shutdown);
        list.add("unix_stream_send_to_closed_peer_sigpipe_or_epipe_with_nosignal", UnixSocketTests::sigpipe);
        list.add("unix_stream_close_with_unread_data_peer_econnreset_then_eof", UnixSocketTests::connReset);
        list.add("unix_stream_peek_waitall_dontwait_fionread", UnixSocketTests::receiveFlags);
        list.add("unix_stream_poll_hup_when_unconnected_in_out_rdhup", UnixSocketTests::readiness);
        list.add("unix_stream_recv_ended_by_signal_eintr", UnixSocketTests::interrupted);
        list.add("unix_stream_recv_restarted_after_sa_restart_handler", UnixSocketTests::restarted);
        list.add("unix_stream_epoll_waits_for_a_connection_then_rdhup", UnixSocketTests::epoll);
        list.add("unix_stream_large_send_blocks_until_reader_drains", UnixSocketTests::largeSend);
    }

    static byte[] text(String s) { return Bytes.ascii(s); }

    /** Receives exactly {@code s.length()} bytes and checks they are {@code s}. */
    static void expect(Check c, int fd, String s, String what) {
        byte[] b = new byte[s.length() + 8];
        long n = Sockets.recv(fd, b, b.length, 0);
        if (c.returned(s.length(), n, what)) {
            c.equal(s, CString.decode(b, 0, s.length()), what + ": the bytes");
        }
    }

    private static void identity(Check c) {
        int s = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        if (s < 0) {
            return;
        }
        byte[] st = new byte[Stat.SIZE];
        if (c.returned(0, Linux.fstat(s, st), "fstat")) {
            Stat info = Stat.decode(st);
            c.equal(Fcntl.S_IFSOCK, info.mode() & Fcntl.S_IFMT, "st_mode's type is S_IFSOCK");
            byte[] link = new byte[64];
            long n = Linux.readlinkat(Fcntl.AT_FDCWD, "/proc/self/fd/" + s, link, link.length);
            if (c.succeeded(n, "readlink /proc/self/fd/N")) {
                c.equal("socket:[" + info.ino() + "]", CString.decode(link, 0, (int) n), "the link names the socket's inode");
            }
        }
        c.equal(Sockets.SOCK_STREAM, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_TYPE), "SO_TYPE");
        c.equal(Sockets.AF_UNIX, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_DOMAIN), "SO_DOMAIN");
        c.equal(0, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_PROTOCOL), "SO_PROTOCOL");
        c.equal(0, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_ACCEPTCONN), "SO_ACCEPTCONN before listen");
        c.equal(0, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_ERROR), "SO_ERROR");
        c.fails(Errno.ESPIPE, Linux.lseek(s, 0, 0), "lseek");
        c.equal(Fcntl.FD_CLOEXEC, Linux.fcntl(s, Fcntl.F_GETFD, 0), "SOCK_CLOEXEC");
        c.equal(Fcntl.O_RDWR, Linux.fcntl(s, Fcntl.F_GETFL, 0) & (Fcntl.O_ACCMODE | Fcntl.O_NONBLOCK), "F_GETFL: read-write, blocking");
        Linux.close(s);
        long nb = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_DGRAM | Sockets.SOCK_NONBLOCK, 0);
        if (c.succeeded(nb, "socket(SOCK_NONBLOCK)")) {
            c.equal(Fcntl.O_NONBLOCK, Linux.fcntl((int) nb, Fcntl.F_GETFL, 0) & Fcntl.O_NONBLOCK, "SOCK_NONBLOCK is O_NONBLOCK");
            c.equal(0, Linux.fcntl((int) nb, Fcntl.F_GETFD, 0), "no close-on-exec");
            Linux.close((int) nb);
        }
    }

    private static void pairBothWays(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv == null) {
            return;
        }
        c.returned(5, Linux.write(sv[0], text("hello"), 0, 5), "write on one end");
        c.returned(3, Sockets.send(sv[0], text("abc"), 3, 0), "send on one end");
        expect(c, sv[1], "helloabc", "a stream keeps no boundaries: one read takes both");
        c.returned(2, Sockets.send(sv[1], text("ok"), 2, 0), "the other way");
        byte[] b = new byte[8];
        c.returned(2, Linux.read(sv[0], b, 0, 8), "read the reply");
        c.returned(0, Linux.read(sv[0], b, 0, 0), "read of 0 bytes returns at once");
        Linux.close(sv[1]);
        c.returned(0, Linux.read(sv[0], b, 0, 8), "end of file once the peer is closed");
        c.returned(0, Sockets.recv(sv[0], b, 8, 0), "recv too");
        Linux.close(sv[0]);
    }

    private static void pathConnect(Check c) {
        String path = c.path("s");
        int l = SocketPairs.listener(c, Sockets.SOCK_STREAM, path);
        if (l < 0) {
            return;
        }
        byte[] st = new byte[Stat.SIZE];
        if (c.returned(0, Linux.newfstatat(Fcntl.AT_FDCWD, path, st, 0), "stat the bound path")) {
            c.equal(Fcntl.S_IFSOCK, Stat.decode(st).mode() & Fcntl.S_IFMT, "bind made a socket file");
        }
        c.equal(1, Sockets.intOption(l, Sockets.SOL_SOCKET, Sockets.SO_ACCEPTCONN), "SO_ACCEPTCONN when listening");
        int cl = SocketPairs.connect(c, Sockets.SOCK_STREAM, path);
        byte[] a = new byte[128];
        int[] len = {128};
        long srv = Sockets.accept(l, a, len);
        if (cl >= 0 && c.succeeded(srv, "accept")) {
            int s = (int) srv;
            c.equal(2, len[0], "the connector is unnamed: its address is sun_family alone");
            c.equal(Sockets.AF_UNIX, a[0], "sun_family");
            len[0] = 128;
            c.returned(0, Sockets.getsockname(s, a, len), "getsockname of the accepted socket");
            c.equal(Sockets.pathLength(path), len[0], "it has the listener's name");
            c.equal(path, CString.decodeUntilNul(a, 2, 108), "the path");
            len[0] = 128;
            c.returned(0, Sockets.getpeername(cl, a, len), "getpeername of the client");
            c.equal(Sockets.pathLength(path), len[0], "the client's peer is the path");
            len[0] = 128;
            c.returned(0, Sockets.getsockname(cl, a, len), "getsockname of the client");
            c.equal(2, len[0], "the client is unnamed");
            c.returned(4, Sockets.send(cl, text("ping"), 4, 0), "the client sends");
            expect(c, s, "ping", "the server receives");
            c.returned(4, Sockets.send(s, text("pong"), 4, 0), "the server replies");
            expect(c, cl, "pong", "the client receives");
            c.fails(Errno.EISCONN, Sockets.connect(cl, Sockets.pathAddress(path), Sockets.pathLength(path)), "connect again");
            c.fails(Errno.EISCONN, Sockets.sendto(cl, text("x"), 1, 0, Sockets.pathAddress(path), Sockets.pathLength(path)),
                    "sendto with an address on a connected stream");
            Linux.close(s);
        }
        SocketPairs.close(cl, l);
        SocketPairs.unlink(path);
    }

    private static void pathErrors(Check c) {
        String path = c.path("s");
        int bound = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        int other = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        if (bound < 0 || other < 0) {
            return;
        }
        byte[] a = Sockets.pathAddress(path);
        int alen = Sockets.pathLength(path);
        c.returned(0, Sockets.bind(bound, a, alen), "bind");
        c.fails(Errno.EINVAL, Sockets.bind(bound, Sockets.pathAddress(c.path("t")), Sockets.pathLength(c.path("t"))), "bind a bound socket again");
        c.fails(Errno.EADDRINUSE, Sockets.bind(other, a, alen), "bind another socket to the same path");
        c.fails(Errno.ECONNREFUSED, Sockets.connect(other, a, alen), "connect to a socket that does not listen");
        c.fails(Errno.ENOENT, Sockets.connect(other, Sockets.pathAddress(c.path("none")), Sockets.pathLength(c.path("none"))), "connect to no file");
        c.fails(Errno.ENXIO, Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY, 0), "open(2) of a socket file");
        String file = c.path("f");
        long fd = Linux.openat(Fcntl.AT_FDCWD, file, Fcntl.O_CREAT | Fcntl.O_WRONLY, 0600);
        if (c.succeeded(fd, "create a regular file")) {
            Linux.close((int) fd);
            c.fails(Errno.ECONNREFUSED, Sockets.connect(other, Sockets.pathAddress(file), Sockets.pathLength(file)), "connect to a regular file");
            Linux.unlinkat(Fcntl.AT_FDCWD, file, 0);
        }
        int dgram = SocketPairs.socket(c, Sockets.SOCK_DGRAM);
        c.returned(0, Sockets.listen(bound, 1), "listen");
        c.fails(Errno.EPROTOTYPE, Sockets.connect(dgram, a, alen), "a datagram socket connects to a stream socket's path");
        c.fails(Errno.EINVAL, Sockets.connect(other, a, 2), "connect with sun_family alone");
        byte[] wrongFamily = Sockets.pathAddress(path);
        wrongFamily[0] = 2;
        c.fails(Errno.EINVAL, Sockets.connect(other, wrongFamily, alen), "connect to another family");
        SocketPairs.close(dgram, other, bound);
        // The binding goes with the socket: the file stays, and binding it again is EADDRINUSE until it is removed.
        int again = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        c.fails(Errno.ECONNREFUSED, Sockets.connect(again, a, alen), "connect after the listener closed");
        c.fails(Errno.EADDRINUSE, Sockets.bind(again, a, alen), "bind to the file left behind");
        SocketPairs.unlink(path);
        c.returned(0, Sockets.bind(again, a, alen), "bind once it is removed");
        SocketPairs.close(again);
        SocketPairs.unlink(path);
    }

    private static void abstractNames(Check c) {
        String name = "lichen-usertest-" + Linux.getpid();
        byte[] a = Sockets.abstractAddress(name);
        int alen = Sockets.abstractLength(name);
        int l = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        int cl = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        int dup = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        if (l < 0 || cl < 0 || dup < 0) {
            return;
        }
        c.returned(0, Sockets.bind(l, a, alen), "bind to an abstract name");
        c.fails(Errno.EADDRINUSE, Sockets.bind(dup, a, alen), "bind the same abstract name again");
        c.returned(0, Sockets.listen(l, 4), "listen");
        c.returned(0, Sockets.connect(cl, a, alen), "connect by the abstract name");
        long s = Sockets.accept(l, null, null);
        byte[] got = new byte[128];
        int[] len = {128};
        if (c.succeeded(s, "accept")) {
            c.returned(0, Sockets.getpeername(cl, got, len), "getpeername");
            c.equal(alen, len[0], "an abstract name's length is what bind was given");
            c.equal(0, got[2], "it starts with a NUL");
            c.equal(name, CString.decode(got, 3, name.length()), "the name");
            Linux.close((int) s);
        }
        c.fails(Errno.ECONNREFUSED, Sockets.connect(dup, Sockets.abstractAddress(name + "x"), alen + 1), "connect to an abstract name nobody has");
        // Autobind: sun_family alone gives a name of five hex digits after a NUL (unix(7)).
        len[0] = 128;
        c.returned(0, Sockets.bind(dup, got, 2), "bind with sun_family alone");
        c.returned(0, Sockets.getsockname(dup, got, len), "getsockname of the autobound socket");
        c.equal(8, len[0], "sun_family, the NUL and five digits");
        c.equal(0, got[2], "abstract");
        boolean hex = true;
        for (int i = 3; i < 8; i++) {
            hex &= (got[i] >= '0' && got[i] <= '9') || (got[i] >= 'a' && got[i] <= 'f');
        }
        c.isTrue(hex, "five lowercase hexadecimal digits");
        SocketPairs.close(dup, cl, l);
    }

    private static void acceptWaits(Check c) {
        String path = c.path("s");
        int l = SocketPairs.listener(c, Sockets.SOCK_STREAM, path);
        if (l < 0) {
            return;
        }
        c.fails(Errno.EINVAL, Sockets.accept4(l, null, null, 0x1), "accept4 with an unknown flag");
        Linux.fcntl(l, Fcntl.F_SETFL, Fcntl.O_NONBLOCK);
        c.fails(Errno.EAGAIN, Sockets.accept(l, null, null), "accept on a non-blocking listener with nothing pending");
        Linux.fcntl(l, Fcntl.F_SETFL, 0);
        long pid = Processes.fork();
        if (pid == 0) {
            LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
            long s = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM, 0);
            long rc = Sockets.connect((int) s, Sockets.pathAddress(path), Sockets.pathLength(path));
            long sent = Sockets.send((int) s, text("late"), 4, 0);
            Processes.childExit(rc == 0 && sent == 4 ? 0 : 10);
        }
        long s = Sockets.accept4(l, null, null, Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC);
        if (c.succeeded(s, "accept waits for the child's connect")) {
            c.equal(Fcntl.O_NONBLOCK, Linux.fcntl((int) s, Fcntl.F_GETFL, 0) & Fcntl.O_NONBLOCK, "the accepted socket is non-blocking");
            c.equal(Fcntl.FD_CLOEXEC, Linux.fcntl((int) s, Fcntl.F_GETFD, 0), "and close-on-exec");
            c.returned(0, Processes.waitFor(pid), "the child connected and sent");
            expect(c, (int) s, "late", "what the child sent");
            Linux.close((int) s);
        }
        Linux.close(l);
        SocketPairs.unlink(path);
    }

    private static void backlog(Check c) {
        String path = c.path("s");
        int l = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        if (l < 0) {
            return;
        }
        c.returned(0, Sockets.bind(l, Sockets.pathAddress(path), Sockets.pathLength(path)), "bind");
        c.returned(0, Sockets.listen(l, 0), "listen with a backlog of 0");
        long first = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM | Sockets.SOCK_NONBLOCK, 0);
        long second = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM | Sockets.SOCK_NONBLOCK, 0);
        c.returned(0, Sockets.connect((int) first, Sockets.pathAddress(path), Sockets.pathLength(path)), "one connection waits in a backlog of 0");
        c.fails(Errno.EAGAIN, Sockets.connect((int) second, Sockets.pathAddress(path), Sockets.pathLength(path)), "the next finds it full");
        long s = Sockets.accept(l, null, null);
        c.succeeded(s, "accept the first");
        c.returned(0, Sockets.connect((int) second, Sockets.pathAddress(path), Sockets.pathLength(path)), "now there is room");
        SocketPairs.close((int) s, (int) first, (int) second, l);
        SocketPairs.unlink(path);
    }

    private static void shutdown(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv == null) {
            return;
        }
        c.fails(Errno.EINVAL, Sockets.shutdown(sv[0], 3), "shutdown with how 3");
        c.returned(3, Sockets.send(sv[0], text("bye"), 3, 0), "send before shutdown");
        c.returned(0, Sockets.shutdown(sv[0], Sockets.SHUT_WR), "SHUT_WR");
        c.fails(Errno.EPIPE, Sockets.send(sv[0], text("x"), 1, Sockets.MSG_NOSIGNAL), "send after SHUT_WR");
        expect(c, sv[1], "bye", "the peer still reads what was sent");
        byte[] b = new byte[4];
        c.returned(0, Sockets.recv(sv[1], b, 4, 0), "then end of file");
        c.returned(2, Sockets.send(sv[1], text("ok"), 2, 0), "the peer may still send");
        expect(c, sv[0], "ok", "and the shut side receives");
        c.returned(0, Sockets.shutdown(sv[0], Sockets.SHUT_RD), "SHUT_RD");
        c.fails(Errno.EPIPE, Sockets.send(sv[1], text("x"), 1, Sockets.MSG_NOSIGNAL), "the peer's send after SHUT_RD");
        c.returned(0, Sockets.recv(sv[0], b, 4, Sockets.MSG_DONTWAIT), "a read-shut socket reads end of file, not EAGAIN");
        int lone = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        c.returned(0, Sockets.shutdown(lone, Sockets.SHUT_RDWR), "shutdown of an unconnected unix socket succeeds");
        SocketPairs.close(lone, sv[0], sv[1]);
    }

    private static void sigpipe(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv == null) {
            return;
        }
        Linux.close(sv[1]);
        c.fails(Errno.EPIPE, Sockets.send(sv[0], text("x"), 1, Sockets.MSG_NOSIGNAL), "MSG_NOSIGNAL: EPIPE and no signal");
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.write(sv[0], text("x"), 0, 1); // SIGPIPE's default action ends the child here
            Processes.childExit(0);
        }
        if (c.succeeded(pid, "clone")) {
            long s = Processes.waitFor(pid);
            c.isTrue(WaitStatus.signaled((int) s) && WaitStatus.termSignal((int) s) == Signals.SIGPIPE,
                     "the writer should die of SIGPIPE, but " + WaitStatus.describe((int) s));
        }
        Linux.close(sv[0]);
    }

    private static void connReset(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv == null) {
            return;
        }
        c.returned(4, Sockets.send(sv[0], text("lost"), 4, 0), "send to a peer that will not read it");
        Linux.close(sv[1]);
        byte[] b = new byte[4];
        c.fails(Errno.ECONNRESET, Sockets.recv(sv[0], b, 4, 0), "the peer closed with bytes unread: ECONNRESET");
        c.returned(0, Sockets.recv(sv[0], b, 4, 0), "reported once, then end of file");
        Linux.close(sv[0]);
    }

    private static void receiveFlags(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv == null) {
            return;
        }
        byte[] b = new byte[16];
        c.fails(Errno.EAGAIN, Sockets.recv(sv[1], b, 16, Sockets.MSG_DONTWAIT), "MSG_DONTWAIT with nothing queued");
        c.returned(6, Sockets.send(sv[0], text("abcdef"), 6, 0), "send");
        int[] n = {0};
        c.returned(0, Linux.ioctl(sv[1], Sockets.FIONREAD, n), "FIONREAD");
        c.equal(6, n[0], "six bytes queued");
        c.returned(3, Sockets.recv(sv[1], b, 3, Sockets.MSG_PEEK), "MSG_PEEK three");
        c.equal("abc", CString.decode(b, 0, 3), "peeked bytes");
        expect(c, sv[1], "abcdef", "the peek left them queued");
        long pid = Processes.fork();
        if (pid == 0) {
            Sockets.send(sv[0], text("12"), 2, 0);
            LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
            Sockets.send(sv[0], text("34"), 2, 0);
            Processes.childExit(0);
        }
        c.returned(4, Sockets.recv(sv[1], b, 4, Sockets.MSG_WAITALL), "MSG_WAITALL waits for all four bytes");
        c.equal("1234", CString.decode(b, 0, 4), "both sends");
        c.returned(0, Processes.waitFor(pid), "the child");
        SocketPairs.close(sv[0], sv[1]);
    }

    private static void readiness(Check c) {
        int lone = SocketPairs.socket(c, Sockets.SOCK_STREAM);
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (lone < 0 || sv == null) {
            return;
        }
        int all = PollTests.POLLIN | PollTests.POLLOUT | POLLRDHUP;
        byte[] fds = PollTests.pollfds(all, lone, sv[0], sv[1]);
        c.returned(3, Linux.ppoll(fds, 3, PollTests.timeout(0), null), "ppoll");
        c.equal(PollTests.POLLOUT | PollTests.POLLHUP, PollTests.revents(fds, 0), "an unconnected stream socket: writable and hung up");
        c.equal(PollTests.POLLOUT, PollTests.revents(fds, 1), "a connected one with nothing queued: writable");
        Sockets.send(sv[1], text("x"), 1, 0);
        fds = PollTests.pollfds(all, sv[0]);
        c.returned(1, Linux.ppoll(fds, 1, PollTests.timeout(0), null), "ppoll with a byte queued");
        c.equal(PollTests.POLLIN | PollTests.POLLOUT, PollTests.revents(fds, 0), "readable and writable");
        Sockets.shutdown(sv[1], Sockets.SHUT_WR);
        fds = PollTests.pollfds(all, sv[0]);
        Linux.ppoll(fds, 1, PollTests.timeout(0), null);
        c.equal(PollTests.POLLIN | PollTests.POLLOUT | POLLRDHUP, PollTests.revents(fds, 0), "the peer shut down writing: POLLRDHUP");
        Linux.close(sv[1]);
        fds = PollTests.pollfds(all, sv[0]);
        Linux.ppoll(fds, 1, PollTests.timeout(0), null);
        c.equal(PollTests.POLLIN | PollTests.POLLOUT | POLLRDHUP | PollTests.POLLHUP, PollTests.revents(fds, 0), "the peer closed: hung up");
        SocketPairs.close(lone, sv[0]);
    }

    /** With SA_RESTART the handler runs and the recv goes on: it returns the bytes sent after the signal. */
    private static void restarted(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            SignalRecorder r = SignalRecorder.create(new Check("/"));
            if (r == null || r.catchSignalRestarting(Signals.SIGUSR1) != 0) {
                Processes.childExit(20);
            }
            byte[] b = new byte[4];
            long n = Sockets.recv(sv[1], b, 4, 0);
            Processes.childExit(n == 4 && r.caught(Signals.SIGUSR1) ? 0 : 21);
        }
        LinuxSystem.nanosleep(Timespec.ofNanos(50 * MILLIS).encode(), null);
        Linux.kill(pid, Signals.SIGUSR1);
        LinuxSystem.nanosleep(Timespec.ofNanos(50 * MILLIS).encode(), null);
        c.returned(4, Sockets.send(sv[0], text("late"), 4, 0), "send after the signal");
        c.returned(0, Processes.waitFor(pid), "the child's recv went on after its handler and got the bytes (20 no handler, 21 not)");
        SocketPairs.close(sv[0], sv[1]);
    }

    /**
     * epoll_pwait on a listener sleeps until a child connects (EPOLLIN); on
     * the accepted socket, EPOLLRDHUP once the child shuts down writing.
     */
    private static void epoll(Check c) {
        String path = c.path("s");
        int l = SocketPairs.listener(c, Sockets.SOCK_STREAM, path);
        long ep = LinuxEvents.epoll_create1(Fcntl.O_CLOEXEC);
        if (l < 0 || !c.succeeded(ep, "epoll_create1")) {
            return;
        }
        int e = (int) ep;
        c.returned(0, LinuxEvents.epoll_ctl(e, LinuxEvents.EPOLL_CTL_ADD, l, LinuxEvents.event(LinuxEvents.EPOLLIN, 1)), "watch the listener");
        long pid = Processes.fork();
        if (pid == 0) {
            LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
            long s = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM, 0);
            long rc = Sockets.connect((int) s, Sockets.pathAddress(path), Sockets.pathLength(path));
            LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
            Sockets.shutdown((int) s, Sockets.SHUT_WR);
            LinuxSystem.nanosleep(Timespec.ofNanos(100 * MILLIS).encode(), null);
            Processes.childExit(rc == 0 ? 0 : 10);
        }
        byte[] out = new byte[2 * LinuxEvents.EPOLL_EVENT_SIZE];
        if (c.returned(1, LinuxEvents.epoll_pwait(e, out, 2, 5000, null), "epoll_pwait wakes for the connection")) {
            c.equal(LinuxEvents.EPOLLIN, LinuxEvents.events(out, 0), "the listener is readable");
        }
        long s = Sockets.accept(l, null, null);
        if (c.succeeded(s, "accept")) {
            c.returned(0, LinuxEvents.epoll_ctl(e, LinuxEvents.EPOLL_CTL_ADD, (int) s, LinuxEvents.event(LinuxEvents.EPOLLIN | POLLRDHUP, 2)), "watch the connection");
            c.returned(0, LinuxEvents.epoll_ctl(e, LinuxEvents.EPOLL_CTL_DEL, l, 0), "forget the listener");
            if (c.returned(1, LinuxEvents.epoll_pwait(e, out, 2, 5000, null), "epoll_pwait wakes for the shutdown")) {
                c.equal(LinuxEvents.EPOLLIN | POLLRDHUP, LinuxEvents.events(out, 0), "EPOLLIN and EPOLLRDHUP");
                c.equal(2, LinuxEvents.data(out, 0), "the connection's data");
            }
            Linux.close((int) s);
        }
        c.returned(0, Processes.waitFor(pid), "the child connected");
        SocketPairs.close(e, l);
        SocketPairs.unlink(path);
    }

    /** A child blocked in recv gets EINTR when a handler (without SA_RESTART) runs for SIGUSR1. */
    private static void interrupted(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            SignalRecorder r = SignalRecorder.create(new Check("/"));
            if (r == null || r.catchSignal(Signals.SIGUSR1) != 0) {
                Processes.childExit(20);
            }
            byte[] b = new byte[4];
            long n = Sockets.recv(sv[1], b, 4, 0);
            Processes.childExit(n == -Errno.EINTR && r.caught(Signals.SIGUSR1) ? 0 : 21);
        }
        LinuxSystem.nanosleep(Timespec.ofNanos(50 * MILLIS).encode(), null);
        Linux.kill(pid, Signals.SIGUSR1);
        c.returned(0, Processes.waitFor(pid), "the child's recv ended with EINTR after its handler (20 no handler, 21 not EINTR)");
        SocketPairs.close(sv[0], sv[1]);
    }

    /** A send larger than the socket buffers returns only when a reader has taken it all, and the bytes arrive in order. */
    private static void largeSend(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv == null) {
            return;
        }
        int total = 1 << 20;
        long pid = Processes.fork();
        if (pid == 0) {
            byte[] big = Bytes.pattern(total, 7);
            long n = Linux.write(sv[0], big, 0, total);
            Processes.childExit(n == total ? 0 : 10);
        }
        byte[] want = Bytes.pattern(total, 7);
        byte[] got = new byte[total];
        int have = 0;
        while (have < total) {
            long n = Linux.read(sv[1], got, have, total - have);
            if (n <= 0) {
                break;
            }
            have += (int) n;
        }
        c.equal(total, have, "bytes read");
        c.equalBytes(want, got, total, "in order");
        c.returned(0, Processes.waitFor(pid), "the child's one write sent all of it");
        SocketPairs.close(sv[0], sv[1]);
    }
}
