package lichen.kernel.socket.unix;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.PollEvents;
import lichen.kernel.signal.Signals;
import lichen.kernel.socket.Message;
import lichen.kernel.socket.MessageFlags;
import lichen.kernel.socket.PassedFiles;
import lichen.kernel.socket.Socket;
import lichen.libkernel.Errno;
import lichen.libkernel.sync.PollTable;
import lichen.libkernel.sync.WaitQueue;

/**
 * A connection-oriented unix socket (unix(7)): SOCK_STREAM, a byte stream,
 * or SOCK_SEQPACKET, records with boundaries kept. A listening socket queues
 * the server ends of connections not yet accepted; connect(2) makes that
 * end at once, already connected to the caller, so a connect never waits
 * for accept, only for room in the backlog.
 */
final class UnixStream extends UnixSocket {
    static final int UNCONNECTED = 0, LISTENING = 1, CONNECTED = 2;
    /** net.core.somaxconn: listen(2)'s backlog is capped here. */
    static final int SOMAXCONN = 4096;
    /** The most bytes one stream packet holds: a long send is queued as pieces of this size. */
    static final int PIECE = 64 << 10;

    int state;
    private int backlog;
    /** A listener's connections not yet accepted, oldest first, and their count. */
    private UnixStream pendingHead, pendingTail, nextPending;
    private int pendingCount;
    /** Connectors waiting for room in this listener's backlog. */
    private final WaitQueue connectors = new WaitQueue();

    UnixStream(int type) { super(type); }

    /** socketpair(2): {@code a} and {@code b} connected to each other, each knowing the caller as its peer. */
    static void pair(UnixStream a, UnixStream b) {
        a.peer = b;
        b.peer = a;
        a.state = CONNECTED;
        b.state = CONNECTED;
        recordCallerAsPeerOf(a);
        recordCallerAsPeerOf(b);
    }

    @Override
    boolean listening() { return state == LISTENING; }

    /**
     * listen(2): a bound socket, unconnected or listening already (which sets
     * the backlog anew); EINVAL otherwise. A backlog above SOMAXCONN (or
     * negative: Linux compares it unsigned) is SOMAXCONN.
     */
    @Override
    public int listen(int n) {
        if (address == null || (state != UNCONNECTED && state != LISTENING)) return -Errno.EINVAL;
        if (n < 0 || n > SOMAXCONN) n = SOMAXCONN;
        if (state == UNCONNECTED) recordCallerAsPeerOf(this); // a listener's SO_PEERCRED is its own, which connectors are told
        backlog = n;
        state = LISTENING;
        connectors.wakeAll(executor());
        return 0;
    }

    /**
     * accept(2): the oldest pending connection, waiting for one unless
     * non-blocking (EAGAIN); EINVAL when not listening. The new socket
     * inherits SO_PASSCRED from the listener.
     */
    @Override
    @Async
    public Result<Socket> accept(boolean nonBlocking) {
        if (state != LISTENING) return Result.err(-Errno.EINVAL);
        long deadline = deadline(true);
        while (pendingHead == null) {
            if (nonBlocking) return Result.err(-Errno.EAGAIN);
            int w = sleep(readable, deadline);
            if (w < 0) return Result.err(w);
            if (state != LISTENING) return Result.err(-Errno.EINVAL);
        }
        UnixStream s = pendingHead;
        pendingHead = s.nextPending;
        if (pendingHead == null) pendingTail = null;
        s.nextPending = null;
        pendingCount--;
        s.options.passCredentials = options.passCredentials;
        connectors.wakeAll(executor());
        return Result.ok(s);
    }

    /**
     * connect(2) to a listening socket of the same type: ECONNREFUSED when
     * nothing listens there, EISCONN when connected already, EINVAL when
     * listening; while the listener's backlog is full it waits, or EAGAIN
     * when non-blocking (unix(7)).
     */
    @Override
    @Async
    public int connect(FsContext ctx, byte[] a, int len, boolean nonBlocking) {
        Result<UnixAddress> addr = UnixAddress.parse(a, len);
        if (!addr.ok()) return addr.error;
        if (state == CONNECTED) return -Errno.EISCONN;
        if (state != UNCONNECTED) return -Errno.EINVAL;
        if (options.passCredentials && address == null) {
            int rc = UnixNames.autobind(this);
            if (rc < 0) return rc;
        }
        Result<UnixSocket> found = UnixNames.find(ctx, addr.value, type());
        if (!found.ok()) return found.error;
        UnixStream listener = (UnixStream) found.value;
        long deadline = deadline(false);
        while (true) {
            if (listener.dead || listener.state != LISTENING) return -Errno.ECONNREFUSED;
            if (state != UNCONNECTED) return state == CONNECTED ? -Errno.EISCONN : -Errno.EINVAL;
            if (listener.pendingCount <= listener.backlog) break;
            if (nonBlocking) return -Errno.EAGAIN;
            int w = sleep(listener.connectors, deadline);
            if (w < 0) return w;
        }
        UnixStream server = new UnixStream(type());
        server.address = listener.address;
        server.peer = this;
        server.state = CONNECTED;
        recordCallerAsPeerOf(server);
        peer = server;
        state = CONNECTED;
        hasPeerCredentials = listener.hasPeerCredentials;
        peerPid = listener.peerPid;
        peerUid = listener.peerUid;
        peerGid = listener.peerGid;
        if (listener.pendingTail == null) listener.pendingHead = server;
        else listener.pendingTail.nextPending = server;
        listener.pendingTail = server;
        listener.pendingCount++;
        listener.changed();
        return 0;
    }

    /** A send that finds no reader: EPIPE, with SIGPIPE unless MSG_NOSIGNAL or some bytes went (unix_stream_sendmsg's pipe_err). */
    private static long brokenPipe(Message m, long sent) {
        if (sent > 0) return sent;
        if (m.has(MessageFlags.MSG_NOSIGNAL)) return -Errno.EPIPE;
        return Signals.brokenPipe();
    }

    /** A SOCK_SEQPACKET record's: EPIPE once either side stopped it, without SIGPIPE (unix_dgram_sendmsg sends none). */
    @Override
    int sendable(UnixSocket target, Message m) {
        if ((shutdown & SEND_SHUTDOWN) != 0 || target.dead || (target.shutdown & RCV_SHUTDOWN) != 0) return -Errno.EPIPE;
        return 0;
    }

    @Override
    @Async
    public long send(FsContext ctx, Message m) {
        if (m.has(MessageFlags.MSG_OOB)) return -Errno.EOPNOTSUPP;
        if (type() == SOCK_SEQPACKET) {
            int err = options.takeError();
            if (err < 0) return err;
            if (state != CONNECTED) return -Errno.ENOTCONN;
            m.addressLength = 0; // a record goes to the peer whatever address is given (unix_seqpacket_sendmsg)
            return sendRecord(peer, m);
        }
        if (m.addressLength > 0) return state == CONNECTED ? -Errno.EISCONN : -Errno.EOPNOTSUPP;
        if (peer == null) return -Errno.ENOTCONN;
        return sendStream(m);
    }

    /**
     * A stream send: the bytes go as pieces onto the peer's queue, each
     * waiting while this socket's send buffer is full; a blocking send
     * returns when all are queued, a non-blocking one with what fit (or
     * EAGAIN), an interrupted one with what was sent (or EINTR). The files
     * go with the first piece, credentials with each.
     */
    @Async
    private long sendStream(Message m) {
        long total = m.source.remaining(), sent = 0, deadline = deadline(false);
        if ((shutdown & SEND_SHUTDOWN) != 0) return brokenPipe(m, 0);
        while (sent < total) {
            while (inFlight >= options.sendBuffer) {
                if (nonBlocking(m)) return sent > 0 ? sent : -Errno.EAGAIN;
                int w = sleep(writable, deadline);
                if (w < 0) return sent > 0 ? sent : w;
                if ((shutdown & SEND_SHUTDOWN) != 0) return brokenPipe(m, sent);
            }
            if (peer.dead || (peer.shutdown & RCV_SHUTDOWN) != 0) return brokenPipe(m, sent);
            int n = (int) Math.min(total - sent, PIECE);
            Packet p = Packet.create(n, this);
            if (m.source.take(p.data, 0, n) < 0) {
                p.free();
                return sent > 0 ? sent : -Errno.EFAULT;
            }
            attach(p, m, peer);
            peer.deliver(p);
            sent += n;
        }
        return sent;
    }

    @Override
    @Async
    public long receive(Message m) {
        if (m.has(MessageFlags.MSG_OOB)) return -Errno.EOPNOTSUPP;
        if (type() == SOCK_SEQPACKET) {
            if (state != CONNECTED) return -Errno.ENOTCONN;
            return receiveRecord(m);
        }
        if (state != CONNECTED) return -Errno.EINVAL;
        return receiveStream(m);
    }

    /**
     * A stream receive (unix_stream_read_generic): bytes from as many pieces
     * as are queued, waiting for at least one byte (all of the buffer with
     * MSG_WAITALL) unless non-blocking, shut down for reading (0 is end of
     * file) or a pending error (ECONNRESET) comes first. It stops after a
     * piece that carried files, and, with SO_PASSCRED, before one from
     * another sender. MSG_PEEK reads without consuming.
     */
    @Async
    private long receiveStream(Message m) {
        boolean peek = m.has(MessageFlags.MSG_PEEK);
        long room = m.sink.room();
        long target = m.has(MessageFlags.MSG_WAITALL) ? Math.max(room, 1) : 1;
        long copied = 0, deadline = deadline(true);
        Packet first = null, cursor = null;
        while (true) {
            Packet p = peek && cursor != null ? cursor : queue.head();
            if (p == null) {
                if (copied >= target) break;
                int err = options.takeError();
                if (err < 0) return copied > 0 ? copied : err;
                if ((shutdown & RCV_SHUTDOWN) != 0) break;
                if (nonBlocking(m)) return copied > 0 ? copied : -Errno.EAGAIN;
                int w = sleep(readable, deadline);
                if (w < 0) return copied > 0 ? copied : w;
                continue;
            }
            if (first != null && options.passCredentials && !p.sameCredentials(first)) break;
            int n = (int) Math.min(p.unread(), room - copied);
            if (n > 0 && m.sink.put(p.data, p.consumed, n) < 0) return copied > 0 ? copied : -Errno.EFAULT;
            if (first == null) {
                first = p;
                PassedFiles files = p.files;
                p.files = null; // the files are taken below, from whichever piece has them
                takeAncillary(p, m, peek);
                p.files = files;
            }
            copied += n;
            boolean hadFiles = p.files != null;
            if (peek) {
                if (hadFiles && m.files == null) m.files = PassedFiles.copy(p.files);
                cursor = p.next;
                if (hadFiles || cursor == null) break;
            } else {
                if (hadFiles && m.files == null) {
                    m.files = p.files;
                    p.files = null;
                }
                queue.consumed(p, n);
                if (p.unread() > 0) break;
                queue.removeHead();
                p.sender.uncharge(p);
                p.free();
                if (hadFiles) break;
            }
            if (copied >= room) break;
        }
        return copied;
    }

    /**
     * unix_poll and unix_dgram_poll for a connected type: readable with
     * bytes or connections queued, or once shut down for reading (with
     * POLLRDHUP); hung up when shut down both ways or never connected;
     * writable while no more than a quarter of the send buffer is used.
     */
    @Override
    public int poll(OpenFile f, PollTable table) {
        if (table != null) table.wait(pollers);
        int events = 0;
        if (options.error != 0) events |= PollEvents.POLLERR;
        if (shutdown == SHUTDOWN_MASK || state == UNCONNECTED) events |= PollEvents.POLLHUP;
        if ((shutdown & RCV_SHUTDOWN) != 0) events |= PollEvents.POLLRDHUP | PollEvents.READABLE;
        if (!queue.isEmpty() || pendingHead != null) events |= PollEvents.READABLE;
        if (state != LISTENING && writableNow()) events |= PollEvents.WRITABLE | PollEvents.POLLWRBAND;
        return events;
    }

    /**
     * The last close: connections never accepted are reset (their
     * connectors read ECONNRESET, then end of file); a peer sees end of file,
     * and ECONNRESET first if this socket had bytes unread (unix_release_sock).
     */
    @Override
    @Async
    void disconnect() {
        if (state == LISTENING) {
            state = UNCONNECTED;
            UnixStream s;
            while ((s = pendingHead) != null) {
                pendingHead = s.nextPending;
                s.dead = true;
                s.resetPeer(true);
                s.queue.purge();
            }
            pendingTail = null;
            pendingCount = 0;
            connectors.wakeAll(executor());
        }
        resetPeer(!queue.isEmpty());
    }

    private void resetPeer(boolean reset) {
        if (peer == null) return;
        peer.shutdown = SHUTDOWN_MASK;
        if (reset) peer.options.error = Errno.ECONNRESET;
        peer.changed();
    }
}
