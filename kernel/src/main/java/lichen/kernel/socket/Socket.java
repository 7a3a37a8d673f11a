package lichen.kernel.socket;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.fs.Result;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * A socket (socket(7)): the driver of the open file a socket descriptor
 * names, and the operations the socket calls hand to its protocol family.
 * Each operation answers what Linux's sock_no_* functions do for a family
 * without it (EOPNOTSUPP); a family overrides what it has. Addresses are the
 * caller's sockaddr bytes: only the family reads them. read(2) and write(2)
 * are recv and send without flags.
 */
public abstract class Socket implements CharDevice {
    /** SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET (include/linux/net.h). */
    public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_SEQPACKET = 5;
    /** Any type is below SOCK_MAX; socket(2)'s type argument carries SOCK_NONBLOCK and SOCK_CLOEXEC above SOCK_TYPE_MASK. */
    public static final int SOCK_MAX = 11, SOCK_TYPE_MASK = 0xf;
    public static final int SOCK_NONBLOCK = OpenFlags.O_NONBLOCK, SOCK_CLOEXEC = OpenFlags.O_CLOEXEC;
    /** shutdown(2)'s how. */
    public static final int SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;

    public final SocketOptions options = new SocketOptions();
    /** The open file description this socket drives (for its O_NONBLOCK, which fcntl may change); set when it is made. */
    public OpenFile file;

    public abstract int domain();

    public abstract int type();

    public int protocol() { return 0; }

    /** Whether a call on this socket should not wait: the description is O_NONBLOCK or the call said MSG_DONTWAIT. */
    public boolean nonBlocking(Message m) {
        return (file != null && (file.flags & OpenFlags.O_NONBLOCK) != 0) || (m != null && m.has(MessageFlags.MSG_DONTWAIT));
    }

    /** bind(2) to the {@code len} bytes of {@code address}. */
    @Async
    public int bind(FsContext ctx, byte[] address, int len) { return -Errno.EOPNOTSUPP; }

    /** listen(2). */
    @Async
    public int listen(int backlog) { return -Errno.EOPNOTSUPP; }

    /** accept(2): the new connected socket, its description not yet made. */
    @Async
    public Result<Socket> accept(boolean nonBlocking) { return Result.err(-Errno.EOPNOTSUPP); }

    /** connect(2) to the {@code len} bytes of {@code address}. */
    @Async
    public int connect(FsContext ctx, byte[] address, int len, boolean nonBlocking) { return -Errno.EOPNOTSUPP; }

    /** sendmsg(2): the bytes sent, or -errno. */
    @Async
    public long send(FsContext ctx, Message m) { return -Errno.EOPNOTSUPP; }

    /** recvmsg(2): the bytes received (or the message's whole length with MSG_TRUNC), 0 at end of file, or -errno. */
    @Async
    public long receive(Message m) { return -Errno.EOPNOTSUPP; }

    /** shutdown(2) with SHUT_RD, SHUT_WR or SHUT_RDWR (checked by the caller). */
    @Async
    public int shutdown(int how) { return -Errno.EOPNOTSUPP; }

    /** getsockname(2) into {@code out}: the address's length, or -errno. */
    public int localName(byte[] out) { return -Errno.EOPNOTSUPP; }

    /** getpeername(2) into {@code out}: the address's length, or -errno (ENOTCONN). */
    public int peerName(byte[] out) { return -Errno.EOPNOTSUPP; }

    /** FIONREAD (SIOCINQ): bytes a read would find, or -errno. */
    public long unread() { return -Errno.ENOTTY; }

    /**
     * getsockopt(2) into {@code out} (at least {@link Message#ADDRESS_MAX}
     * bytes): the value's whole length, or -errno. SOL_SOCKET's common
     * options are answered here; a family adds its own by overriding.
     */
    public int getOption(int level, int name, byte[] out) {
        if (level != SocketOptions.SOL_SOCKET) return -Errno.EOPNOTSUPP;
        if (name == SocketOptions.SO_RCVTIMEO || name == SocketOptions.SO_SNDTIMEO) return options.getTimeout(name, out);
        return options.get(this, name, out);
    }

    /**
     * setsockopt(2) to the {@code len} bytes of {@code value} (at most 16
     * read): 0 or -errno. SOL_SOCKET's options here, each an int (EINVAL
     * when {@code len} is shorter) but the timeouts' struct timeval; a
     * family adds its levels by overriding.
     */
    public int setOption(int level, int name, byte[] value, int len) {
        if (level != SocketOptions.SOL_SOCKET) return -Errno.EOPNOTSUPP;
        if (name == SocketOptions.SO_RCVTIMEO || name == SocketOptions.SO_SNDTIMEO) return options.setTimeout(name, value, len);
        if (len < 4) return -Errno.EINVAL;
        return options.set(name, LittleEndian.u32(value, 0));
    }

    /** read(2): recv without flags; the socket's own description says whether to wait. */
    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        if (len == 0) return 0; // read(2) of nothing returns at once (sock_read_iter); recv(2) of nothing waits for data
        return (int) transfer(buf, off, len, false);
    }

    /** write(2): send without flags. */
    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) { return (int) transfer(buf, off, len, true); }

    /** A send or receive of a kernel buffer; descriptors passed to a plain read are dropped, as Linux's recvmsg without msg_control does. */
    @Async
    private long transfer(byte[] buf, int off, int len, boolean send) {
        Message m = new Message(0);
        KernelBytes data = new KernelBytes(buf, off, len);
        long n;
        if (send) {
            m.source = data;
            n = send(null, m);
        } else {
            m.sink = data;
            n = receive(m);
        }
        m.dispose();
        Kmem.free(data);
        return n;
    }
}
