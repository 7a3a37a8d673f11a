package lichen.kernel.socket.unix;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.PollEvents;
import lichen.kernel.socket.Message;
import lichen.kernel.socket.MessageFlags;
import lichen.kernel.socket.SocketFamilies;
import lichen.libkernel.Errno;
import lichen.libkernel.sync.PollTable;

/**
 * A SOCK_DGRAM unix socket (unix(7)): datagrams kept whole, each to the
 * address sendto(2) names or to the peer connect(2) set. A receiver
 * connected to some other socket refuses others (EPERM); one not connected
 * back to the sender queues at most MAX_DGRAM_QLEN + 1 datagrams before
 * senders wait.
 */
final class UnixDatagram extends UnixSocket {
    UnixDatagram() { super(SOCK_DGRAM); }

    /** socketpair(2): {@code a} and {@code b} each other's peer. */
    static void pair(UnixDatagram a, UnixDatagram b) {
        a.peer = b;
        b.peer = a;
        recordCallerAsPeerOf(a);
        recordCallerAsPeerOf(b);
    }

    /**
     * connect(2): sets the peer datagrams go to and the only one they are
     * taken from; AF_UNSPEC dissolves it (unix_dgram_connect). EPERM when
     * the socket named is connected to another.
     */
    @Override
    @Async
    public int connect(FsContext ctx, byte[] a, int len, boolean nonBlocking) {
        if (len >= 2 && UnixAddress.family(a) == SocketFamilies.AF_UNSPEC) {
            changePeer(null);
            return 0;
        }
        Result<UnixAddress> addr = UnixAddress.parse(a, len);
        if (!addr.ok()) return addr.error;
        if (options.passCredentials && address == null) {
            int rc = UnixNames.autobind(this);
            if (rc < 0) return rc;
        }
        Result<UnixSocket> found = UnixNames.find(ctx, addr.value, SOCK_DGRAM);
        if (!found.ok()) return found.error;
        UnixSocket target = found.value;
        if (target.peer != null && target.peer != this) return -Errno.EPERM;
        changePeer(target);
        return 0;
    }

    /**
     * A new peer, or none: datagrams queued from the old one are dropped,
     * and an old peer connected back learns it lost them (ECONNRESET), as
     * unix_dgram_disconnected does.
     */
    @Async
    private void changePeer(UnixSocket next) {
        UnixSocket old = peer;
        peer = next;
        if (old != null && old != next && !queue.isEmpty()) {
            queue.purge();
            if (!old.dead && old.peer == this) {
                old.options.error = Errno.ECONNRESET;
                old.changed();
            }
        }
        changed();
    }

    @Override
    int sendable(UnixSocket target, Message m) {
        if ((shutdown & SEND_SHUTDOWN) != 0) return -Errno.EPIPE;
        if (target.dead) {
            if (peer == target) peer = null; // the peer is gone: later sends are ENOTCONN
            return -Errno.ECONNREFUSED;
        }
        if (target.peer != null && target.peer != this) return -Errno.EPERM;
        if ((target.shutdown & RCV_SHUTDOWN) != 0) return -Errno.EPIPE;
        return 0;
    }

    /** sendto(2) and sendmsg(2): to the address given, else to the peer (ENOTCONN without one). */
    @Override
    @Async
    public long send(FsContext ctx, Message m) {
        if (m.has(MessageFlags.MSG_OOB)) return -Errno.EOPNOTSUPP;
        UnixSocket target;
        if (m.addressLength > 0) {
            Result<UnixAddress> addr = UnixAddress.parse(m.address, m.addressLength);
            if (!addr.ok()) return addr.error;
            Result<UnixSocket> found = UnixNames.find(ctx, addr.value, SOCK_DGRAM);
            if (!found.ok()) return found.error;
            target = found.value;
        } else {
            if (peer == null) return -Errno.ENOTCONN;
            target = peer;
        }
        if (options.passCredentials && address == null) {
            int rc = UnixNames.autobind(this);
            if (rc < 0) return rc;
        }
        return sendRecord(target, m);
    }

    @Override
    @Async
    public long receive(Message m) {
        if (m.has(MessageFlags.MSG_OOB)) return -Errno.EOPNOTSUPP;
        return receiveRecord(m);
    }

    /**
     * unix_dgram_poll: readable with a datagram queued or once shut down
     * for reading; writable while a quarter of the send buffer is free and
     * the peer, unless connected back, has room in its queue.
     */
    @Override
    public int poll(OpenFile f, PollTable table) {
        if (table != null) table.wait(pollers);
        int events = 0;
        if (options.error != 0) events |= PollEvents.POLLERR;
        if ((shutdown & RCV_SHUTDOWN) != 0) events |= PollEvents.POLLRDHUP | PollEvents.READABLE;
        if (shutdown == SHUTDOWN_MASK) events |= PollEvents.POLLHUP;
        if (!queue.isEmpty()) events |= PollEvents.READABLE;
        boolean writable = writableNow();
        if (writable && peer != null && peer.peer != this && peer.queue.count() > MAX_DGRAM_QLEN) {
            if (table != null) table.wait(peer.pollers); // woken when the peer reads
            writable = false;
        }
        if (writable) events |= PollEvents.WRITABLE | PollEvents.POLLWRBAND;
        return events;
    }

    /** Nothing to tell: a socket connected to this one learns it is gone at its next send (ECONNREFUSED). */
    @Override
    void disconnect() {}
}
