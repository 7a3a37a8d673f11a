package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.InetSockets;
import lichen.usertest.Processes;
import lichen.usertest.PseudoTerminals;
import lichen.usertest.SocketPairs;
import lichen.usertest.TestList;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Sockets;
import lichen.usertest.sys.Timespec;
import lichen.usertest.sys.WaitStatus;

/**
 * ip(7), tcp(7) and udp(7) sockets on 127.0.0.1: connect and accept with
 * the names each side sees, bytes both ways, a few MiB checked byte for
 * byte, a non-blocking connect, ECONNREFUSED, EADDRINUSE, shutdown's end of
 * file, EPIPE and SIGPIPE, readiness, and UDP datagrams with truncation.
 * The group brings the loopback up itself (SIOCSIFFLAGS), as a Linux guest
 * may boot with it down.
 */
public final class InetSocketTests {
    private InetSocketTests() {}

    private static final long MILLIS = 1_000_000L;
    private static final int POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10;

    public static void register(TestList list) {
        list.add("inet_loopback_interface_up_flags_index_address", InetSocketTests::loopbackInterface);
        list.add("inet_tcp_connect_accept_names_and_echo_both_ways", InetSocketTests::echo);
        list.add("inet_tcp_four_mib_through_a_forked_writer_byte_for_byte", InetSocketTests::largeTransfer);
        list.add("inet_tcp_nonblocking_connect_einprogress_then_writable_so_error_0", InetSocketTests::nonBlockingConnect);
        list.add("inet_tcp_connect_to_closed_port_econnrefused", InetSocketTests::refused);
        list.add("inet_tcp_bind_taken_port_eaddrinuse_and_bad_addresses", InetSocketTests::bindErrors);
        list.add("inet_tcp_shutdown_write_gives_peer_eof_and_it_can_still_answer", InetSocketTests::shutdownWrite);
        list.add("inet_tcp_send_after_peer_closed_epipe_and_sigpipe", InetSocketTests::brokenPipe);
        list.add("inet_tcp_poll_listener_readable_on_connection_and_data", InetSocketTests::readiness);
        list.add("inet_tcp_peek_dontwait_fionread_and_options", InetSocketTests::receiveFlagsAndOptions);
        list.add("inet_udp_sendto_recvfrom_source_and_truncation", InetSocketTests::udp);
        list.add("inet_udp_bind_port_zero_getsockname_and_connected_send", InetSocketTests::udpConnected);
    }

    private static byte[] text(String s) { return UnixSocketTests.text(s); }

    private static void loopbackInterface(Check c) {
        if (!InetSockets.loopbackUp(c)) {
            return;
        }
        int s = InetSockets.socket(c, Sockets.SOCK_DGRAM, 0);
        if (s < 0) {
            return;
        }
        byte[] r = InetSockets.ifreq("lo");
        if (c.returned(0, Linux.ioctl(s, InetSockets.SIOCGIFFLAGS, Linux.address(r)), "SIOCGIFFLAGS")) {
            int flags = LittleEndian.u16(r, 16);
            c.equal(0x49, flags & 0x49, "lo is IFF_UP | IFF_LOOPBACK | IFF_RUNNING");
        }
        r = InetSockets.ifreq("lo");
        if (c.returned(0, Linux.ioctl(s, 0x8933, Linux.address(r)), "SIOCGIFINDEX")) {
            c.equal(1, LittleEndian.u32(r, 16), "lo is interface 1");
        }
        r = InetSockets.ifreq("lo");
        if (c.returned(0, Linux.ioctl(s, 0x8915, Linux.address(r)), "SIOCGIFADDR")) {
            c.equal(Sockets.AF_INET, LittleEndian.u16(r, 16), "an AF_INET address");
            c.equal(InetSockets.LOOPBACK, InetSockets.ipAt(r, 16), "127.0.0.1");
        }
        r = InetSockets.ifreq("lo");
        if (c.returned(0, Linux.ioctl(s, 0x891B, Linux.address(r)), "SIOCGIFNETMASK")) {
            c.equal(0xff000000, InetSockets.ipAt(r, 16), "255.0.0.0");
        }
        c.fails(Errno.ENODEV, Linux.ioctl(s, InetSockets.SIOCGIFFLAGS, Linux.address(InetSockets.ifreq("nosuch0"))), "an unknown interface");
        c.fails(Errno.EFAULT, Linux.ioctl(s, InetSockets.SIOCGIFFLAGS, 8), "a bad ifreq pointer");
        Linux.close(s);
    }

    private static void echo(Check c) {
        int[] port = new int[1];
        int l = InetSockets.listener(c, port);
        if (l < 0) {
            return;
        }
        int cl = InetSockets.connect(c, port[0]);
        if (cl < 0) {
            Linux.close(l);
            return;
        }
        byte[] peer = new byte[InetSockets.SOCKADDR_IN];
        int[] len = {peer.length};
        long sv = Sockets.accept4(l, peer, len, Sockets.SOCK_CLOEXEC);
        if (c.succeeded(sv, "accept4")) {
            c.equal(InetSockets.SOCKADDR_IN, len[0], "accept's address length");
            c.equal(InetSockets.LOOPBACK, InetSockets.ip(peer), "the peer is 127.0.0.1");
            c.equal(InetSockets.localPort(c, cl), InetSockets.port(peer), "accept names the client's port");
            byte[] name = new byte[InetSockets.SOCKADDR_IN];
            int[] nl = {name.length};
            c.returned(0, Sockets.getpeername(cl, name, nl), "getpeername on the client");
            c.equal(port[0], InetSockets.port(name), "the client's peer is the listener's port");
            c.equal(port[0], InetSockets.localPort(c, (int) sv), "the accepted socket has the listener's port");
            c.equal(Sockets.SOCK_STREAM, Sockets.intOption(cl, Sockets.SOL_SOCKET, Sockets.SO_TYPE), "SO_TYPE");
            c.equal(Sockets.AF_INET, Sockets.intOption(cl, Sockets.SOL_SOCKET, Sockets.SO_DOMAIN), "SO_DOMAIN");
            c.equal(6, Sockets.intOption(cl, Sockets.SOL_SOCKET, Sockets.SO_PROTOCOL), "SO_PROTOCOL is IPPROTO_TCP");
            c.returned(5, Linux.write(cl, text("hello"), 0, 5), "write on the client");
            UnixSocketTests.expect(c, (int) sv, "hello", "the server reads it");
            c.returned(3, Sockets.send((int) sv, text("abc"), 3, 0), "send back");
            UnixSocketTests.expect(c, cl, "abc", "the client reads it");
            Linux.close((int) sv);
            byte[] b = new byte[4];
            c.returned(0, Linux.read(cl, b, 0, 4), "end of file once the server closed");
        }
        Linux.close(cl);
        Linux.close(l);
    }

    private static byte pattern(long i) { return (byte) (i * 131 + (i >>> 9)); }

    private static void largeTransfer(Check c) {
        int[] p = InetSockets.connectedPair(c);
        if (p == null) {
            return;
        }
        final int total = 4 << 20;
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(p[1]);
            byte[] out = new byte[65536];
            long sent = 0;
            while (sent < total) {
                int n = (int) Math.min(out.length, total - sent);
                for (int i = 0; i < n; i++) {
                    out[i] = pattern(sent + i);
                }
                int off = 0;
                while (off < n) {
                    long w = Linux.write(p[0], out, off, n - off);
                    if (w <= 0) {
                        Processes.childExit(1);
                    }
                    off += (int) w;
                }
                sent += n;
            }
            Linux.close(p[0]);
            Processes.childExit(0);
        }
        Linux.close(p[0]);
        if (!c.succeeded(pid, "clone")) {
            Linux.close(p[1]);
            return;
        }
        byte[] in = new byte[50000];
        long got = 0;
        long bad = -1;
        while (true) {
            long n = Linux.read(p[1], in, 0, in.length);
            if (n <= 0) {
                c.returned(0, n, "the reader ends at end of file");
                break;
            }
            for (int i = 0; i < n && bad < 0; i++) {
                if (in[i] != pattern(got + i)) {
                    bad = got + i;
                }
            }
            got += n;
        }
        c.equal(-1, bad, "the first wrong byte");
        c.equal(total, got, "every byte arrived");
        long s = Processes.waitFor(pid);
        c.isTrue(WaitStatus.exited((int) s) && WaitStatus.exitStatus((int) s) == 0, "the writer wrote all: " + WaitStatus.describe((int) s));
        Linux.close(p[1]);
    }

    private static void nonBlockingConnect(Check c) {
        int[] port = new int[1];
        int l = InetSockets.listener(c, port);
        if (l < 0) {
            return;
        }
        int s = InetSockets.socket(c, Sockets.SOCK_STREAM, Sockets.SOCK_NONBLOCK);
        if (s >= 0) {
            long r = Sockets.connect(s, InetSockets.address(InetSockets.LOOPBACK, port[0]), InetSockets.SOCKADDR_IN);
            c.isTrue(r == 0 || r == -Errno.EINPROGRESS, "a non-blocking connect is 0 or EINPROGRESS, not " + r);
            long ev = PseudoTerminals.poll(s, POLLOUT, 2000 * MILLIS);
            c.equal(POLLOUT, ev & (POLLOUT | POLLERR), "writable once connected");
            c.equal(0, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_ERROR), "SO_ERROR says it went well");
            byte[] to = InetSockets.address(InetSockets.LOOPBACK, port[0]);
            c.returned(0, Sockets.connect(s, to, InetSockets.SOCKADDR_IN), "the next connect reports the finished one");
            c.fails(Errno.EISCONN, Sockets.connect(s, to, InetSockets.SOCKADDR_IN), "and a third EISCONN");
            long a = Sockets.accept4(l, null, null, Sockets.SOCK_NONBLOCK);
            if (c.succeeded(a, "accept4(SOCK_NONBLOCK)")) {
                byte[] b = new byte[4];
                c.fails(Errno.EAGAIN, Linux.read((int) a, b, 0, 4), "a non-blocking read with nothing there");
                Linux.close((int) a);
            }
            c.returned(0, Linux.fcntl(l, Fcntl.F_SETFL, Fcntl.O_NONBLOCK), "the listener made non-blocking");
            c.fails(Errno.EAGAIN, Sockets.accept4(l, null, null, 0), "no second connection waits");
            Linux.close(s);
        }
        Linux.close(l);
    }

    /** A port nothing listens on: bound, and not listening, by a socket kept open meanwhile. */
    private static void refused(Check c) {
        if (!InetSockets.loopbackUp(c)) {
            return;
        }
        int hold = InetSockets.socket(c, Sockets.SOCK_STREAM, 0);
        if (hold < 0) {
            return;
        }
        c.returned(0, Sockets.bind(hold, InetSockets.address(InetSockets.LOOPBACK, 0), InetSockets.SOCKADDR_IN), "bind a port");
        int port = InetSockets.localPort(c, hold);
        int s = InetSockets.socket(c, Sockets.SOCK_STREAM, 0);
        if (s >= 0) {
            c.fails(Errno.ECONNREFUSED, Sockets.connect(s, InetSockets.address(InetSockets.LOOPBACK, port), InetSockets.SOCKADDR_IN), "blocking connect to a closed port");
            Linux.close(s);
        }
        s = InetSockets.socket(c, Sockets.SOCK_STREAM, Sockets.SOCK_NONBLOCK);
        if (s >= 0) {
            long r = Sockets.connect(s, InetSockets.address(InetSockets.LOOPBACK, port), InetSockets.SOCKADDR_IN);
            if (r == -Errno.EINPROGRESS) {
                c.isTrue((PseudoTerminals.poll(s, POLLOUT, 2000 * MILLIS) & POLLERR) != 0, "POLLERR once refused");
                c.equal(Errno.ECONNREFUSED, Sockets.intOption(s, Sockets.SOL_SOCKET, Sockets.SO_ERROR), "SO_ERROR is ECONNREFUSED");
            } else {
                c.fails(Errno.ECONNREFUSED, r, "non-blocking connect refused at once");
            }
            Linux.close(s);
        }
        Linux.close(hold);
    }

    private static void bindErrors(Check c) {
        int[] port = new int[1];
        int l = InetSockets.listener(c, port);
        if (l < 0) {
            return;
        }
        int s = InetSockets.socket(c, Sockets.SOCK_STREAM, 0);
        if (s >= 0) {
            c.fails(Errno.EADDRINUSE, Sockets.bind(s, InetSockets.address(InetSockets.LOOPBACK, port[0]), InetSockets.SOCKADDR_IN), "bind a listening port");
            c.returned(0, Sockets.setsockopt(s, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1), "SO_REUSEADDR");
            c.fails(Errno.EADDRINUSE, Sockets.bind(s, InetSockets.address(InetSockets.LOOPBACK, port[0]), InetSockets.SOCKADDR_IN), "SO_REUSEADDR does not share a listener's port");
            c.fails(Errno.EINVAL, Sockets.bind(s, InetSockets.address(InetSockets.LOOPBACK, 0), 8), "a short address");
            byte[] unix = InetSockets.address(InetSockets.LOOPBACK, 0);
            unix[0] = (byte) Sockets.AF_UNIX;
            c.fails(Errno.EAFNOSUPPORT, Sockets.bind(s, unix, InetSockets.SOCKADDR_IN), "an AF_UNIX family in a sockaddr_in");
            c.fails(Errno.EADDRNOTAVAIL, Sockets.bind(s, InetSockets.address(0xc0000201, 0), InetSockets.SOCKADDR_IN), "an address not this host's (192.0.2.1)");
            c.fails(Errno.EFAULT, Sockets.bind(s, 8, InetSockets.SOCKADDR_IN), "a bad address pointer");
            c.returned(0, Sockets.bind(s, InetSockets.address(InetSockets.LOOPBACK, 0), InetSockets.SOCKADDR_IN), "port 0 binds");
            c.isTrue(InetSockets.localPort(c, s) > 0, "to an ephemeral port");
            c.fails(Errno.EINVAL, Sockets.bind(s, InetSockets.address(InetSockets.LOOPBACK, 0), InetSockets.SOCKADDR_IN), "bind twice");
            Linux.close(s);
        }
        c.fails(Errno.EPROTONOSUPPORT, Sockets.socket(Sockets.AF_INET, Sockets.SOCK_STREAM, 17), "SOCK_STREAM with IPPROTO_UDP");
        Linux.close(l);
    }

    private static void shutdownWrite(Check c) {
        int[] port = new int[1];
        int l = InetSockets.listener(c, port);
        if (l < 0) {
            return;
        }
        int[] p = InetSockets.pair(c, l, port[0]);
        if (p != null) {
            c.returned(2, Sockets.send(p[0], text("hi"), 2, 0), "send before shutdown");
            c.returned(0, Sockets.shutdown(p[0], Sockets.SHUT_WR), "shutdown(SHUT_WR)");
            UnixSocketTests.expect(c, p[1], "hi", "the peer reads what came before");
            byte[] b = new byte[4];
            c.returned(0, Sockets.recv(p[1], b, 4, 0), "then end of file");
            c.returned(3, Sockets.send(p[1], text("bye"), 3, 0), "the peer can still send");
            UnixSocketTests.expect(c, p[0], "bye", "and the half-closed side reads it");
            c.fails(Errno.EPIPE, Sockets.send(p[0], text("x"), 1, Sockets.MSG_NOSIGNAL), "sending after SHUT_WR");
            c.fails(Errno.EINVAL, Sockets.shutdown(p[0], 3), "shutdown with a bad how");
            SocketPairs.close(p[0], p[1]);
        }
        int lone = InetSockets.socket(c, Sockets.SOCK_STREAM, 0);
        if (lone >= 0) {
            c.fails(Errno.ENOTCONN, Sockets.shutdown(lone, Sockets.SHUT_WR), "shutdown of an unconnected socket");
            byte[] b = new byte[1];
            c.fails(Errno.ENOTCONN, Sockets.recv(lone, b, 1, 0), "recv on an unconnected socket");
            Linux.close(lone);
        }
        Linux.close(l);
    }

    private static void brokenPipe(Check c) {
        int[] p = InetSockets.connectedPair(c);
        if (p == null) {
            return;
        }
        Linux.close(p[1]);
        byte[] b = new byte[1];
        c.returned(0, Linux.read(p[0], b, 0, 1), "end of file from the closed peer");
        c.returned(1, Sockets.send(p[0], text("x"), 1, Sockets.MSG_NOSIGNAL), "the first send still goes (the peer answers it with a reset)");
        long r = Sockets.send(p[0], text("y"), 1, Sockets.MSG_NOSIGNAL);
        for (int i = 0; i < 100 && r == 1; i++) {
            LinuxSystem.nanosleep(Timespec.ofNanos(10 * MILLIS).encode(), null); // the reset may be on its way
            r = Sockets.send(p[0], text("y"), 1, Sockets.MSG_NOSIGNAL);
        }
        c.fails(Errno.EPIPE, r, "after the reset: EPIPE");
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.prepareToDie();
            Linux.write(p[0], text("z"), 0, 1); // SIGPIPE's default action ends the child here
            Processes.childExit(0);
        }
        if (c.succeeded(pid, "clone")) {
            long s = Processes.waitFor(pid);
            c.isTrue(WaitStatus.signaled((int) s) && WaitStatus.termSignal((int) s) == Signals.SIGPIPE,
                     "the writer should die of SIGPIPE, but " + WaitStatus.describe((int) s));
        }
        Linux.close(p[0]);
    }

    private static void readiness(Check c) {
        int[] port = new int[1];
        int l = InetSockets.listener(c, port);
        if (l < 0) {
            return;
        }
        c.equal(0, PseudoTerminals.poll(l, POLLIN, 0), "a listener with no connection is not readable");
        int cl = InetSockets.connect(c, port[0]);
        if (cl >= 0) {
            c.equal(POLLIN, PseudoTerminals.poll(l, POLLIN, 1000 * MILLIS), "readable once a connection waits");
            long sv = Sockets.accept4(l, null, null, 0);
            if (c.succeeded(sv, "accept")) {
                c.equal(POLLOUT, PseudoTerminals.poll(cl, POLLIN | POLLOUT, 0), "a fresh connection is writable, not readable");
                c.returned(1, Sockets.send((int) sv, text("!"), 1, 0), "send one byte");
                c.equal(POLLIN | POLLOUT, PseudoTerminals.poll(cl, POLLIN | POLLOUT, 1000 * MILLIS), "readable with it");
                Linux.close((int) sv);
                long ev = PseudoTerminals.poll(cl, POLLIN | UnixSocketTests.POLLRDHUP, 1000 * MILLIS);
                c.equal(POLLIN | UnixSocketTests.POLLRDHUP, ev & (POLLIN | UnixSocketTests.POLLRDHUP), "POLLRDHUP after the peer's FIN");
            }
            Linux.close(cl);
        }
        Linux.close(l);
    }

    private static void receiveFlagsAndOptions(Check c) {
        int[] port = new int[1];
        int l = InetSockets.listener(c, port);
        if (l < 0) {
            return;
        }
        c.equal(1, Sockets.intOption(l, Sockets.SOL_SOCKET, Sockets.SO_ACCEPTCONN), "SO_ACCEPTCONN on a listener");
        int[] p = InetSockets.pair(c, l, port[0]);
        if (p != null) {
            byte[] b = new byte[8];
            c.fails(Errno.EAGAIN, Sockets.recv(p[1], b, 8, Sockets.MSG_DONTWAIT), "MSG_DONTWAIT with nothing there");
            c.returned(6, Sockets.send(p[0], text("abcdef"), 6, 0), "send six bytes");
            PseudoTerminals.poll(p[1], POLLIN, 1000 * MILLIS);
            int[] n = new int[1];
            c.returned(0, Linux.ioctl(p[1], Sockets.FIONREAD, n), "FIONREAD");
            c.equal(6, n[0], "six bytes to read");
            c.returned(3, Sockets.recv(p[1], b, 3, Sockets.MSG_PEEK), "MSG_PEEK three");
            c.returned(6, Sockets.recv(p[1], b, 6, Sockets.MSG_WAITALL), "then all six are still there");
            c.equal("abcdef", CString.decode(b, 0, 6), "in order");
            c.returned(0, Sockets.setsockopt(p[0], 6, 1, 1), "TCP_NODELAY on");
            c.equal(1, Sockets.intOption(p[0], 6, 1), "TCP_NODELAY reads back");
            c.isTrue(Sockets.intOption(p[0], 6, 2) > 0, "TCP_MAXSEG is the connection's MSS");
            c.returned(0, Sockets.setsockopt(p[0], Sockets.SOL_SOCKET, Sockets.SO_KEEPALIVE, 1), "SO_KEEPALIVE on");
            c.equal(1, Sockets.intOption(p[0], Sockets.SOL_SOCKET, Sockets.SO_KEEPALIVE), "reads back");
            c.returned(0, Sockets.setsockopt(p[0], Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, 10000), "SO_RCVBUF 10000");
            c.equal(20000, Sockets.intOption(p[0], Sockets.SOL_SOCKET, Sockets.SO_RCVBUF), "doubled, as socket(7) says");
            c.equal(7200, Sockets.intOption(p[0], 6, 4), "TCP_KEEPIDLE's default");
            c.fails(Errno.ENOPROTOOPT, Sockets.setsockopt(p[0], 6, 999, 1), "an unknown TCP option");
            SocketPairs.close(p[0], p[1]);
        }
        Linux.close(l);
    }

    private static void udp(Check c) {
        if (!InetSockets.loopbackUp(c)) {
            return;
        }
        int r = InetSockets.socket(c, Sockets.SOCK_DGRAM, 0);
        int w = InetSockets.socket(c, Sockets.SOCK_DGRAM, 0);
        if (r >= 0 && w >= 0) {
            c.returned(0, Sockets.bind(r, InetSockets.address(InetSockets.LOOPBACK, 0), InetSockets.SOCKADDR_IN), "bind the receiver");
            int port = InetSockets.localPort(c, r);
            byte[] to = InetSockets.address(InetSockets.LOOPBACK, port);
            c.equal(17, Sockets.intOption(r, Sockets.SOL_SOCKET, Sockets.SO_PROTOCOL), "SO_PROTOCOL is IPPROTO_UDP");
            c.returned(5, Sockets.sendto(w, text("hello"), 5, 0, to, to.length), "sendto");
            c.returned(10, Sockets.sendto(w, text("0123456789"), 10, 0, to, to.length), "a second datagram");
            byte[] b = new byte[16];
            byte[] from = new byte[InetSockets.SOCKADDR_IN];
            int[] fl = {from.length};
            c.returned(5, Sockets.recvfrom(r, b, 16, 0, from, fl), "one datagram a receive");
            c.equal("hello", CString.decode(b, 0, 5), "its bytes");
            c.equal(InetSockets.LOOPBACK, InetSockets.ip(from), "from 127.0.0.1");
            c.equal(InetSockets.localPort(c, w), InetSockets.port(from), "from the sender's port (bound by sendto)");
            c.returned(4, Sockets.recv(r, b, 4, Sockets.MSG_PEEK), "MSG_PEEK truncates to the buffer");
            c.returned(10, Sockets.recv(r, b, 4, Sockets.MSG_TRUNC), "MSG_TRUNC returns the datagram's whole length");
            c.equal("0123", CString.decode(b, 0, 4), "the bytes that fit");
            c.fails(Errno.EAGAIN, Sockets.recv(r, b, 4, Sockets.MSG_DONTWAIT), "the rest is gone with it");
            c.fails(Errno.EDESTADDRREQ, Sockets.send(w, text("x"), 1, 0), "send without a destination");
            c.fails(Errno.EMSGSIZE, Sockets.sendto(w, Linux.address(new byte[65508]), 65508, 0, Linux.address(to), to.length), "past 65507 bytes");
            c.fails(Errno.EINVAL, Sockets.sendto(w, text("x"), 1, 0, to, 8), "a short destination");
        }
        SocketPairs.close(r, w);
    }

    private static void udpConnected(Check c) {
        if (!InetSockets.loopbackUp(c)) {
            return;
        }
        int a = InetSockets.socket(c, Sockets.SOCK_DGRAM, 0);
        int b = InetSockets.socket(c, Sockets.SOCK_DGRAM, Sockets.SOCK_NONBLOCK);
        if (a >= 0 && b >= 0) {
            c.returned(0, Sockets.bind(b, InetSockets.address(InetSockets.LOOPBACK, 0), InetSockets.SOCKADDR_IN), "bind port 0");
            int port = InetSockets.localPort(c, b);
            c.isTrue(port > 0, "getsockname names the ephemeral port");
            byte[] peer = new byte[InetSockets.SOCKADDR_IN];
            int[] pl = {peer.length};
            c.fails(Errno.ENOTCONN, Sockets.getpeername(a, peer, pl), "getpeername before connect");
            c.returned(0, Sockets.connect(a, InetSockets.address(InetSockets.LOOPBACK, port), InetSockets.SOCKADDR_IN), "connect the sender");
            c.returned(0, Sockets.getpeername(a, peer, pl), "getpeername after");
            c.equal(port, InetSockets.port(peer), "the connected port");
            c.returned(2, Sockets.send(a, text("ok"), 2, 0), "send to the connected peer");
            c.equal(POLLIN | POLLOUT, PseudoTerminals.poll(b, POLLIN | POLLOUT, 1000 * MILLIS), "the receiver is readable");
            byte[] d = new byte[4];
            c.returned(2, Linux.read(b, d, 0, 4), "read(2) takes a datagram");
            c.fails(Errno.EAGAIN, Linux.read(b, d, 0, 4), "then none is left");
        }
        SocketPairs.close(a, b);
    }
}
