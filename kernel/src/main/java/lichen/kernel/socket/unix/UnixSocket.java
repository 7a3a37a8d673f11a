package lichen.kernel.socket.unix;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.socket.Message;
import lichen.kernel.socket.MessageFlags;
import lichen.kernel.socket.PassedFiles;
import lichen.kernel.socket.Socket;
import lichen.kernel.socket.SocketFamilies;
import lichen.kernel.socket.SocketOptions;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;
import lichen.libkernel.sync.WaitQueue;
import lichen.libkernel.sync.WakerSet;

/**
 * What every AF_UNIX socket has (unix(7)): its name, its peer, its receive
 * queue, the bytes it has sent that are still queued at a receiver (its send
 * buffer's use), shutdown state, and the peer's credentials. Sending a
 * message is putting a {@link Packet} on the receiver's queue; reading it
 * uncharges the sender. {@link UnixStream} (SOCK_STREAM, SOCK_SEQPACKET) and
 * {@link UnixDatagram} add what their types do.
 */
abstract class UnixSocket extends Socket {
    /** sk_shutdown's bits: no more receiving, no more sending. */
    static final int RCV_SHUTDOWN = 1, SEND_SHUTDOWN = 2, SHUTDOWN_MASK = 3;
    /** net.unix.max_dgram_qlen: datagrams a receiver not connected back to the sender queues before senders wait. */
    static final int MAX_DGRAM_QLEN = 10;
    /** The credentials a receiver is told when the sender's were never attached (overflowuid, overflowgid). */
    static final int OVERFLOW_ID = 65534;

    private final int type;
    UnixAddress address;
    /** A pathname binding's inode, by filesystem and number (UnixNames). */
    FileSystem boundFs;
    long boundIno;
    UnixSocket nextBound;
    UnixSocket peer;
    int shutdown;
    /** Closed: its last descriptor is gone. */
    boolean dead;
    final PacketQueue queue = new PacketQueue();
    /** Bytes (with each packet's overhead) this socket sent that sit unread in a receiver's queue (sk_wmem_alloc). */
    long inFlight;
    /** SO_PEERCRED: the peer's pid, uid and gid when it connected (or, for a listener, this socket's own at listen). */
    boolean hasPeerCredentials;
    int peerPid, peerUid, peerGid;

    /** Woken when a packet arrives or the state changes; when this socket's sent bytes are read; when its queue has room. */
    final WaitQueue readable = new WaitQueue(), writable = new WaitQueue(), queueRoom = new WaitQueue();
    final WakerSet pollers = new WakerSet();

    UnixSocket(int type) { this.type = type; }

    @Override
    public final int domain() { return SocketFamilies.AF_UNIX; }

    @Override
    public final int type() { return type; }

    static Executor executor() { return Processes.executor(); }

    /**
     * Sleeps on {@code q} until woken (0), a signal (-EINTR) or
     * {@code deadline} (-EAGAIN: SO_RCVTIMEO and SO_SNDTIMEO's expiry,
     * socket(7)); a deadline from {@link SocketOptions#deadline}.
     */
    @Async
    static int sleep(WaitQueue q, long deadline) {
        int r = q.sleep(executor(), deadline, true);
        return r == WakeReason.TIMED_OUT ? -Errno.EAGAIN : r < 0 ? -Errno.EINTR : 0;
    }

    /** When a receive (or accept) waiting from now gives up, per SO_RCVTIMEO; a send (or connect), per SO_SNDTIMEO. */
    long deadline(boolean receive) {
        return options.deadline(receive ? options.receiveTimeout : options.sendTimeout, executor().now());
    }

    /** Something about this socket changed: every waiter looks again. */
    void changed() {
        readable.wakeAll(executor());
        writable.wakeAll(executor());
        queueRoom.wakeAll(executor());
        pollers.wakeAll();
    }

    /** The calling process's pid (its thread group's), uid and gid: who a connect or send is from. */
    static int callerPid() {
        Process p = Processes.current();
        return p == null ? 0 : p.tgid();
    }

    static int callerUid() {
        Process p = Processes.current();
        return p == null || p.files() == null ? 0 : p.files().cred.uid;
    }

    static int callerGid() {
        Process p = Processes.current();
        return p == null || p.files() == null ? 0 : p.files().cred.gid;
    }

    /** SO_PEERCRED of {@code s} becomes the caller's (a connected socket records who is at the other end). */
    static void recordCallerAsPeerOf(UnixSocket s) {
        s.hasPeerCredentials = true;
        s.peerPid = callerPid();
        s.peerUid = callerUid();
        s.peerGid = callerGid();
    }

    /**
     * bind(2): a pathname or abstract name (UnixNames), or with sun_family
     * alone an autobind name; EINVAL when already bound or the address is
     * malformed.
     */
    @Override
    @Async
    public int bind(FsContext ctx, byte[] a, int len) {
        if (len < UnixAddress.PATH_OFFSET || UnixAddress.family(a) != SocketFamilies.AF_UNIX) return -Errno.EINVAL;
        if (address != null) return -Errno.EINVAL;
        if (len == UnixAddress.PATH_OFFSET) return UnixNames.autobind(this);
        Result<UnixAddress> parsed = UnixAddress.parse(a, len);
        if (!parsed.ok()) return parsed.error;
        return UnixNames.bind(ctx, this, parsed.value);
    }

    @Override
    public int localName(byte[] out) {
        return address == null ? UnixAddress.writeUnnamed(out) : address.write(out);
    }

    /** Sockets of a connected type have a peer once connected; a datagram socket once connect(2) named one. */
    @Override
    public int peerName(byte[] out) {
        if (peer == null) return -Errno.ENOTCONN;
        return peer.localName(out);
    }

    /** SO_PEERCRED (struct ucred: pid, uid, gid) and SO_ACCEPTCONN here, the rest as every socket. */
    @Override
    public int getOption(int level, int name, byte[] out) {
        if (level == SocketOptions.SOL_SOCKET && name == SocketOptions.SO_PEERCRED) {
            LittleEndian.put32(out, 0, hasPeerCredentials ? peerPid : 0);
            LittleEndian.put32(out, 4, hasPeerCredentials ? peerUid : OVERFLOW_ID);
            LittleEndian.put32(out, 8, hasPeerCredentials ? peerGid : OVERFLOW_ID);
            return 12;
        }
        if (level == SocketOptions.SOL_SOCKET && name == SocketOptions.SO_ACCEPTCONN) {
            LittleEndian.put32(out, 0, listening() ? 1 : 0);
            return 4;
        }
        return super.getOption(level, name, out);
    }

    boolean listening() { return false; }

    /** Charges {@code p} to its sender and queues it here: a reader wakes. */
    void deliver(Packet p) {
        p.sender.inFlight += p.charge();
        queue.append(p);
        readable.wakeAll(executor());
        pollers.wakeAll();
    }

    /** A packet this socket sent was read or dropped: its send buffer has that room again. */
    void uncharge(Packet p) {
        inFlight -= p.charge();
        writable.wakeAll(executor());
        pollers.wakeAll();
    }

    /** Whether a writer may add to its send buffer (unix_writable: at most a quarter used). */
    boolean writableNow() { return inFlight * 4 <= options.sendBuffer; }

    /** Moves the message's files and credentials onto {@code p}, to {@code to}: when neither side asked for credentials none are attached unless the sender gave them. */
    void attach(Packet p, Message m, UnixSocket to) {
        p.files = m.files;
        m.files = null;
        if (m.hasCredentials) {
            p.hasCredentials = true;
            p.pid = m.pid;
            p.uid = m.uid;
            p.gid = m.gid;
        } else if (options.passCredentials || to.options.passCredentials) {
            p.hasCredentials = true;
            p.pid = callerPid();
            p.uid = callerUid();
            p.gid = callerGid();
        }
    }

    /**
     * What a receive learns from {@code p} besides its bytes: the sender's
     * name, its credentials when this socket has SO_PASSCRED, and its files
     * (the message keeps them; a peek gets references of its own).
     */
    void takeAncillary(Packet p, Message m, boolean peek) {
        m.addressLength = p.from == null ? 0 : p.from.write(m.address);
        if (options.passCredentials) {
            if (p.hasCredentials) m.setCredentials(p.pid, p.uid, p.gid);
            else m.setCredentials(0, OVERFLOW_ID, OVERFLOW_ID);
        }
        if (p.files != null) {
            if (peek) {
                m.files = PassedFiles.copy(p.files);
            } else {
                m.files = p.files;
                p.files = null;
            }
        }
    }

    /** Whether this socket may send to {@code target} now: 0, or the errno that ends the send. */
    abstract int sendable(UnixSocket target, Message m);

    /**
     * One datagram or record to {@code target}, whole or not at all: EMSGSIZE
     * when it could never fit the send buffer; it waits (or EAGAIN) while the
     * send buffer is full or, for a receiver not connected back, its queue is
     * (unix_dgram_sendmsg).
     */
    @Async
    long sendRecord(UnixSocket target, Message m) {
        long len = m.source.remaining();
        if (len > options.sendBuffer - 32) return -Errno.EMSGSIZE;
        long deadline = deadline(false);
        while (true) {
            int e = sendable(target, m);
            if (e < 0) return e;
            boolean full = target.peer != this && target.queue.count() > MAX_DGRAM_QLEN;
            if (!full && inFlight < options.sendBuffer) break;
            if (nonBlocking(m)) return -Errno.EAGAIN;
            int w = sleep(full ? target.queueRoom : writable, deadline);
            if (w < 0) return w;
        }
        Packet p = Packet.create((int) len, this);
        if (len > 0 && m.source.take(p.data, 0, (int) len) < 0) {
            p.free();
            return -Errno.EFAULT;
        }
        attach(p, m, target);
        target.deliver(p);
        return len;
    }

    /**
     * One whole datagram or record from the queue: what does not fit the
     * caller's buffer is lost and reported as MSG_TRUNC (which also makes the
     * call return the whole length); MSG_PEEK leaves it queued. An empty
     * queue waits, unless shut down for reading (0) or a pending error is
     * reported.
     */
    @Async
    long receiveRecord(Message m) {
        boolean peek = m.has(MessageFlags.MSG_PEEK);
        long deadline = deadline(true);
        Packet p;
        while ((p = queue.head()) == null) {
            int err = options.takeError();
            if (err < 0) return err;
            if ((shutdown & RCV_SHUTDOWN) != 0) return 0;
            if (nonBlocking(m)) return -Errno.EAGAIN;
            int w = sleep(readable, deadline);
            if (w < 0) return w;
        }
        if (!peek) queue.removeHead();
        int n = (int) Math.min(p.length, m.sink.room());
        int rc = n > 0 ? m.sink.put(p.data, 0, n) : 0;
        if (n < p.length) m.resultFlags |= MessageFlags.MSG_TRUNC;
        m.fullLength = p.length;
        takeAncillary(p, m, peek);
        if (!peek) {
            p.sender.uncharge(p);
            p.free();
            queueRoom.wakeAll(executor());
            pollers.wakeAll();
        }
        if (rc < 0) return -Errno.EFAULT;
        return m.has(MessageFlags.MSG_TRUNC) ? p.length : n;
    }

    /** FIONREAD: a connected type's unread bytes; a datagram socket's next datagram's size (unix_inq_len). */
    @Override
    public long unread() {
        if (listening()) return -Errno.EINVAL;
        if (type() == SOCK_DGRAM) return queue.isEmpty() ? 0 : queue.head().length;
        return queue.bytes();
    }

    /** shutdown(2): this side's bits, and a connected type's peer the mirror image (unix_shutdown). */
    @Override
    @Async
    public int shutdown(int how) {
        int mode = how + 1;
        shutdown |= mode;
        changed();
        if (peer != null && type() != SOCK_DGRAM) {
            int peerMode = ((mode & RCV_SHUTDOWN) != 0 ? SEND_SHUTDOWN : 0) | ((mode & SEND_SHUTDOWN) != 0 ? RCV_SHUTDOWN : 0);
            peer.shutdown |= peerMode;
            peer.changed();
        }
        return 0;
    }

    /** The type's part of the last close (the peer told, pending connections refused). */
    @Async
    abstract void disconnect();

    /** The last close: the peer learns it, the name is free again, what was queued here is dropped. */
    @Override
    @Async
    public void released(OpenFile f) {
        dead = true;
        disconnect();
        UnixNames.remove(this);
        queue.purge();
        changed();
    }
}
