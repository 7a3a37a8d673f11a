package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.SocketPairs;
import lichen.usertest.TestList;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Sockets;

/**
 * unix(7) datagram and sequenced-packet sockets: boundaries kept, MSG_TRUNC,
 * sendto and recvfrom addresses, connect's peer (EPERM, ECONNREFUSED,
 * ENOTCONN), a full queue, SOCK_SEQPACKET's connections, and sendmmsg and
 * recvmmsg.
 */
public final class UnixDatagramTests {
    private UnixDatagramTests() {}

    public static void register(TestList list) {
        list.add("unix_dgram_pair_keeps_boundaries_msg_trunc_fionread", UnixDatagramTests::boundaries);
        list.add("unix_dgram_sendto_recvfrom_addresses", UnixDatagramTests::addresses);
        list.add("unix_dgram_connect_eperm_econnrefused_enotconn", UnixDatagramTests::connected);
        list.add("unix_dgram_full_queue_nonblocking_eagain_emsgsize", UnixDatagramTests::fullQueue);
        list.add("unix_seqpacket_listen_accept_records_eof_epipe", UnixDatagramTests::seqpacket);
        list.add("unix_sendmmsg_recvmmsg_batches", UnixDatagramTests::batches);
    }

    private static void boundaries(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_DGRAM);
        if (sv == null) {
            return;
        }
        c.returned(3, Sockets.send(sv[0], UnixSocketTests.text("one"), 3, 0), "first datagram");
        c.returned(5, Sockets.send(sv[0], UnixSocketTests.text("three"), 5, 0), "second datagram");
        c.returned(0, Sockets.send(sv[0], UnixSocketTests.text(""), 0, 0), "an empty datagram");
        int[] n = {0};
        c.returned(0, Linux.ioctl(sv[1], Sockets.FIONREAD, n), "FIONREAD");
        c.equal(3, n[0], "FIONREAD is the next datagram's size");
        UnixSocketTests.expect(c, sv[1], "one", "one datagram a read");
        byte[] b = new byte[8];
        c.returned(2, Sockets.recv(sv[1], b, 2, 0), "a short buffer takes part of the next");
        c.equal("th", CString.decode(b, 0, 2), "its start");
        c.returned(0, Sockets.recv(sv[1], b, 8, 0), "the rest was dropped: next is the empty datagram");
        c.fails(Errno.EAGAIN, Sockets.recv(sv[1], b, 8, Sockets.MSG_DONTWAIT), "nothing left");
        c.returned(6, Sockets.send(sv[0], UnixSocketTests.text("sixsix"), 6, 0), "another");
        c.returned(6, Sockets.recv(sv[1], b, 2, Sockets.MSG_TRUNC | Sockets.MSG_PEEK), "MSG_TRUNC returns the whole length");
        byte[] iov = new byte[16];
        byte[] msg = Sockets.msghdr(iov, b, 4, null, 0, null, 0);
        c.returned(4, Sockets.recvmsg(sv[1], msg, 0), "recvmsg into 4 bytes");
        c.equal(Sockets.MSG_TRUNC, Sockets.msgFlags(msg), "msg_flags has MSG_TRUNC");
        c.equal(Sockets.SOCK_DGRAM, Sockets.intOption(sv[0], Sockets.SOL_SOCKET, Sockets.SO_TYPE), "SO_TYPE");
        SocketPairs.close(sv[0], sv[1]);
    }

    private static void addresses(Check c) {
        String rpath = c.path("r"), spath = c.path("w");
        int r = SocketPairs.socket(c, Sockets.SOCK_DGRAM);
        int w = SocketPairs.socket(c, Sockets.SOCK_DGRAM);
        int anon = SocketPairs.socket(c, Sockets.SOCK_DGRAM);
        if (r < 0 || w < 0 || anon < 0) {
            return;
        }
        byte[] ra = Sockets.pathAddress(rpath);
        c.returned(0, Sockets.bind(r, ra, Sockets.pathLength(rpath)), "bind the receiver");
        c.returned(0, Sockets.bind(w, Sockets.pathAddress(spath), Sockets.pathLength(spath)), "bind the sender");
        c.returned(2, Sockets.sendto(w, UnixSocketTests.text("hi"), 2, 0, ra, Sockets.pathLength(rpath)), "sendto the receiver's path");
        c.returned(3, Sockets.sendto(anon, UnixSocketTests.text("hey"), 3, 0, ra, Sockets.pathLength(rpath)), "sendto from an unnamed socket");
        byte[] b = new byte[8];
        byte[] from = new byte[128];
        int[] len = {128};
        c.returned(2, Sockets.recvfrom(r, b, 8, 0, from, len), "recvfrom");
        c.equal(Sockets.pathLength(spath), len[0], "the sender's address length");
        c.equal(spath, CString.decodeUntilNul(from, 2, 108), "the sender's path");
        len[0] = 128;
        c.returned(3, Sockets.recvfrom(r, b, 8, 0, from, len), "recvfrom the unnamed sender");
        c.equal(0, len[0], "an unnamed sender has no address");
        c.returned(1, Sockets.sendto(w, UnixSocketTests.text("t"), 1, 0, ra, Sockets.pathLength(rpath)), "one more");
        len[0] = 4;
        c.returned(1, Sockets.recvfrom(r, b, 8, 0, from, len), "recvfrom into a 4-byte address");
        c.equal(Sockets.pathLength(spath), len[0], "addrlen says the whole length");
        c.fails(Errno.ENOTCONN, Sockets.send(w, UnixSocketTests.text("x"), 1, 0), "send without a peer or an address");
        c.fails(Errno.ECONNREFUSED, Sockets.sendto(w, UnixSocketTests.text("x"), 1, 0, Sockets.abstractAddress("no-such-name"), Sockets.abstractLength("no-such-name")),
                "sendto an abstract name nobody has");
        SocketPairs.close(anon, w, r);
        SocketPairs.unlink(rpath);
        SocketPairs.unlink(spath);
    }

    private static void connected(Check c) {
        String path = c.path("r");
        int r = SocketPairs.socket(c, Sockets.SOCK_DGRAM);
        int a = SocketPairs.socket(c, Sockets.SOCK_DGRAM);
        int b = SocketPairs.socket(c, Sockets.SOCK_DGRAM);
        String bpath = c.path("b");
        if (r < 0 || a < 0 || b < 0) {
            return;
        }
        byte[] ra = Sockets.pathAddress(path);
        int rlen = Sockets.pathLength(path);
        c.returned(0, Sockets.bind(r, ra, rlen), "bind");
        c.returned(0, Sockets.bind(b, Sockets.pathAddress(bpath), Sockets.pathLength(bpath)), "bind another");
        c.returned(0, Sockets.connect(a, ra, rlen), "connect a to r");
        c.returned(2, Sockets.send(a, UnixSocketTests.text("ab"), 2, 0), "send on the connected socket");
        byte[] peer = new byte[128];
        int[] len = {128};
        c.returned(0, Sockets.getpeername(a, peer, len), "getpeername");
        c.equal(rlen, len[0], "the peer's address");
        c.returned(0, Sockets.connect(r, Sockets.pathAddress(bpath), Sockets.pathLength(bpath)), "connect r to b");
        c.fails(Errno.EPERM, Sockets.send(a, UnixSocketTests.text("x"), 1, 0), "r now takes datagrams only from b");
        UnixSocketTests.expect(c, r, "ab", "what came before is still there");
        byte[] unspec = new byte[16];
        c.returned(0, Sockets.connect(r, unspec, 16), "connect to AF_UNSPEC dissolves r's peer");
        c.fails(Errno.ENOTCONN, Sockets.getpeername(r, peer, len), "no peer now");
        c.returned(1, Sockets.send(a, UnixSocketTests.text("y"), 1, 0), "a may send again");
        Linux.close(r);
        c.fails(Errno.ECONNREFUSED, Sockets.send(a, UnixSocketTests.text("z"), 1, 0), "the peer is closed");
        c.fails(Errno.ENOTCONN, Sockets.send(a, UnixSocketTests.text("z"), 1, 0), "and forgotten");
        SocketPairs.close(a, b);
        SocketPairs.unlink(path);
        SocketPairs.unlink(bpath);
    }

    private static void fullQueue(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_DGRAM);
        if (sv == null) {
            return;
        }
        byte[] d = new byte[1024];
        int sent = 0;
        long rc = 0;
        while (sent < 100_000) {
            rc = Sockets.send(sv[0], d, d.length, Sockets.MSG_DONTWAIT);
            if (rc < 0) {
                break;
            }
            sent++;
        }
        c.fails(Errno.EAGAIN, rc, "a full send buffer: EAGAIN (after " + sent + " datagrams)");
        c.isTrue(sent > 10, "more than ten datagrams fit a socket pair's buffer: " + sent);
        byte[] fds = PollTests.pollfds(PollTests.POLLOUT, sv[0]);
        c.returned(0, Linux.ppoll(fds, 1, PollTests.timeout(0), null), "not writable when full");
        byte[] b = new byte[1024];
        for (int i = 0; i < sent; i++) {
            Sockets.recv(sv[1], b, b.length, 0);
        }
        c.returned(1024, Sockets.send(sv[0], d, d.length, Sockets.MSG_DONTWAIT), "room again once read");
        byte[] huge = new byte[300_000];
        c.fails(Errno.EMSGSIZE, Sockets.send(sv[0], huge, huge.length, 0), "a datagram larger than the send buffer");
        SocketPairs.close(sv[0], sv[1]);
    }

    private static void seqpacket(Check c) {
        String path = c.path("s");
        int l = SocketPairs.listener(c, Sockets.SOCK_SEQPACKET, path);
        if (l < 0) {
            return;
        }
        int lone = SocketPairs.socket(c, Sockets.SOCK_SEQPACKET);
        byte[] b = new byte[16];
        c.fails(Errno.ENOTCONN, Sockets.send(lone, UnixSocketTests.text("x"), 1, 0), "send on an unconnected SOCK_SEQPACKET");
        c.fails(Errno.ENOTCONN, Sockets.recv(lone, b, 16, 0), "recv on an unconnected SOCK_SEQPACKET");
        int cl = SocketPairs.connect(c, Sockets.SOCK_SEQPACKET, path);
        long s = Sockets.accept(l, null, null);
        if (cl >= 0 && c.succeeded(s, "accept")) {
            c.returned(3, Sockets.send(cl, UnixSocketTests.text("abc"), 3, 0), "first record");
            c.returned(2, Sockets.send(cl, UnixSocketTests.text("de"), 2, 0), "second record");
            c.returned(3, Sockets.recv((int) s, b, 16, 0), "one record a read");
            c.returned(1, Sockets.recv((int) s, b, 1, 0), "part of the next");
            Linux.close(cl);
            c.returned(0, Sockets.recv((int) s, b, 16, 0), "end of file after the peer closed (the rest of the record was dropped)");
            c.fails(Errno.EPIPE, Sockets.send((int) s, UnixSocketTests.text("x"), 1, Sockets.MSG_NOSIGNAL), "send to a closed peer");
            c.equal(Sockets.SOCK_SEQPACKET, Sockets.intOption((int) s, Sockets.SOL_SOCKET, Sockets.SO_TYPE), "SO_TYPE");
            Linux.close((int) s);
        }
        SocketPairs.close(lone, l);
        SocketPairs.unlink(path);
    }

    private static void batches(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_DGRAM);
        if (sv == null) {
            return;
        }
        byte[][] data = {UnixSocketTests.text("a"), UnixSocketTests.text("bb"), UnixSocketTests.text("ccc")};
        byte[] vec = new byte[3 * Sockets.MMSGHDR];
        byte[][] iovs = new byte[3][];
        for (int i = 0; i < 3; i++) {
            iovs[i] = new byte[16];
            System.arraycopy(Sockets.msghdr(iovs[i], data[i], data[i].length, null, 0, null, 0), 0, vec, i * Sockets.MMSGHDR, Sockets.MSGHDR);
        }
        c.returned(3, Sockets.sendmmsg(sv[0], vec, 3, 0), "sendmmsg of three");
        for (int i = 0; i < 3; i++) {
            c.equal(i + 1, LittleEndian.u32(vec, i * Sockets.MMSGHDR + 56), "msg_len of message " + i);
        }
        byte[] in = new byte[4 * Sockets.MMSGHDR];
        byte[][] bufs = new byte[4][];
        byte[][] riovs = new byte[4][];
        for (int i = 0; i < 4; i++) {
            bufs[i] = new byte[8];
            riovs[i] = new byte[16];
            System.arraycopy(Sockets.msghdr(riovs[i], bufs[i], 8, null, 0, null, 0), 0, in, i * Sockets.MMSGHDR, Sockets.MSGHDR);
        }
        c.returned(3, Sockets.recvmmsg(sv[1], in, 4, Sockets.MSG_WAITFORONE, null), "recvmmsg of up to four with MSG_WAITFORONE takes the three");
        for (int i = 0; i < 3; i++) {
            c.equal(i + 1, LittleEndian.u32(in, i * Sockets.MMSGHDR + 56), "received msg_len " + i);
        }
        c.equal("ccc", CString.decode(bufs[2], 0, 3), "the third message");
        SocketPairs.close(sv[0], sv[1]);
    }
}
