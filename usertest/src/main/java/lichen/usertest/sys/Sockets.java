package lichen.usertest.sys;

import lichen.api.Syscall;
import lichen.api.Unsafe;

/**
 * The socket system calls (socket(2) and the rest), one method per call as
 * in {@link Linux}, with the constants of sys/socket.h and sys/un.h, and
 * builders for struct sockaddr_un and struct msghdr. Each returns the
 * kernel's raw result; the forms taking raw addresses let tests pass bad
 * pointers.
 */
@Unsafe
public final class Sockets {
    private Sockets() {}

    public static final int AF_UNSPEC = 0, AF_UNIX = 1, AF_INET = 2;
    public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_SEQPACKET = 5;
    public static final int SOCK_NONBLOCK = Fcntl.O_NONBLOCK, SOCK_CLOEXEC = Fcntl.O_CLOEXEC;
    public static final int SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2, SO_TYPE = 3, SO_ERROR = 4, SO_SNDBUF = 7, SO_RCVBUF = 8, SO_KEEPALIVE = 9,
            SO_PASSCRED = 16, SO_PEERCRED = 17, SO_ACCEPTCONN = 30, SO_PROTOCOL = 38, SO_DOMAIN = 39;
    public static final int SCM_RIGHTS = 1, SCM_CREDENTIALS = 2;
    public static final int MSG_OOB = 0x1, MSG_PEEK = 0x2, MSG_CTRUNC = 0x8, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40,
            MSG_WAITALL = 0x100, MSG_NOSIGNAL = 0x4000, MSG_WAITFORONE = 0x10000, MSG_CMSG_CLOEXEC = 0x40000000;
    public static final int FIONREAD = 0x541B;
    /** sizeof(struct msghdr), sizeof(struct mmsghdr), sizeof(struct cmsghdr). */
    public static final int MSGHDR = 56, MMSGHDR = 64, CMSGHDR = 16;

    public static long socket(int domain, int type, int protocol) {
        return Syscall.invoke(SyscallNumbers.SOCKET, domain, type, protocol);
    }

    /** socketpair(2) into {@code sv}: {@code sv[0]} and {@code sv[1]} on success. */
    public static long socketpair(int domain, int type, int protocol, int[] sv) {
        return socketpair(domain, type, protocol, Linux.address(sv));
    }

    public static long socketpair(int domain, int type, int protocol, long sv) {
        return Syscall.invoke(SyscallNumbers.SOCKETPAIR, domain, type, protocol, sv);
    }

    public static long bind(int fd, byte[] addr, int len) { return bind(fd, Linux.address(addr), len); }

    public static long bind(int fd, long addr, int len) { return Syscall.invoke(SyscallNumbers.BIND, fd, addr, len); }

    public static long listen(int fd, int backlog) { return Syscall.invoke(SyscallNumbers.LISTEN, fd, backlog); }

    /** accept(2) into {@code addr} of {@code len[0]} bytes ({@code len[0]} becomes the address's length); both may be null. */
    public static long accept(int fd, byte[] addr, int[] len) {
        return Syscall.invoke(SyscallNumbers.ACCEPT, fd, Linux.address(addr), Linux.address(len));
    }

    public static long accept4(int fd, byte[] addr, int[] len, int flags) {
        return accept4(fd, Linux.address(addr), Linux.address(len), flags);
    }

    public static long accept4(int fd, long addr, long len, int flags) {
        return Syscall.invoke(SyscallNumbers.ACCEPT4, fd, addr, len, flags);
    }

    public static long connect(int fd, byte[] addr, int len) { return connect(fd, Linux.address(addr), len); }

    public static long connect(int fd, long addr, int len) { return Syscall.invoke(SyscallNumbers.CONNECT, fd, addr, len); }

    public static long getsockname(int fd, byte[] addr, int[] len) {
        return Syscall.invoke(SyscallNumbers.GETSOCKNAME, fd, Linux.address(addr), Linux.address(len));
    }

    public static long getsockname(int fd, long addr, long len) { return Syscall.invoke(SyscallNumbers.GETSOCKNAME, fd, addr, len); }

    public static long getpeername(int fd, byte[] addr, int[] len) {
        return Syscall.invoke(SyscallNumbers.GETPEERNAME, fd, Linux.address(addr), Linux.address(len));
    }

    public static long send(int fd, byte[] buf, int len, int flags) { return sendto(fd, Linux.address(buf, 0, len), len, flags, 0, 0); }

    public static long sendto(int fd, byte[] buf, int len, int flags, byte[] dest, int destLen) {
        return sendto(fd, Linux.address(buf, 0, len), len, flags, Linux.address(dest), destLen);
    }

    public static long sendto(int fd, long buf, long len, int flags, long dest, int destLen) {
        return Syscall.invoke(SyscallNumbers.SENDTO, fd, buf, len, flags, dest, destLen);
    }

    public static long recv(int fd, byte[] buf, int len, int flags) { return recvfrom(fd, Linux.address(buf, 0, len), len, flags, 0, 0); }

    public static long recvfrom(int fd, byte[] buf, int len, int flags, byte[] src, int[] srcLen) {
        return recvfrom(fd, Linux.address(buf, 0, len), len, flags, Linux.address(src), Linux.address(srcLen));
    }

    public static long recvfrom(int fd, long buf, long len, int flags, long src, long srcLen) {
        return Syscall.invoke(SyscallNumbers.RECVFROM, fd, buf, len, flags, src, srcLen);
    }

    /** setsockopt(2) of an int option. */
    public static long setsockopt(int fd, int level, int name, int value) {
        int[] v = {value};
        return Syscall.invoke(SyscallNumbers.SETSOCKOPT, fd, level, name, Linux.address(v), 4);
    }

    public static long setsockopt(int fd, int level, int name, long value, int len) {
        return Syscall.invoke(SyscallNumbers.SETSOCKOPT, fd, level, name, value, len);
    }

    /** getsockopt(2) into {@code value} with {@code len[0]} bytes of room; {@code len[0]} becomes the length written. */
    public static long getsockopt(int fd, int level, int name, byte[] value, int[] len) {
        return Syscall.invoke(SyscallNumbers.GETSOCKOPT, fd, level, name, Linux.address(value), Linux.address(len));
    }

    /** An int option's value, or the error as a negative number. */
    public static long intOption(int fd, int level, int name) {
        byte[] v = new byte[4];
        int[] len = {4};
        long r = getsockopt(fd, level, name, v, len);
        return r < 0 ? r : LittleEndian.u32(v, 0);
    }

    public static long shutdown(int fd, int how) { return Syscall.invoke(SyscallNumbers.SHUTDOWN, fd, how); }

    public static long sendmsg(int fd, byte[] msg, int flags) { return sendmsg(fd, Linux.address(msg), flags); }

    public static long sendmsg(int fd, long msg, int flags) { return Syscall.invoke(SyscallNumbers.SENDMSG, fd, msg, flags); }

    public static long recvmsg(int fd, byte[] msg, int flags) { return recvmsg(fd, Linux.address(msg), flags); }

    public static long recvmsg(int fd, long msg, int flags) { return Syscall.invoke(SyscallNumbers.RECVMSG, fd, msg, flags); }

    public static long sendmmsg(int fd, byte[] vec, int vlen, int flags) {
        return Syscall.invoke(SyscallNumbers.SENDMMSG, fd, Linux.address(vec), vlen, flags);
    }

    public static long recvmmsg(int fd, byte[] vec, int vlen, int flags, byte[] timeout) {
        return Syscall.invoke(SyscallNumbers.RECVMMSG, fd, Linux.address(vec), vlen, flags, Linux.address(timeout));
    }

    // ---- struct sockaddr_un ----

    /** A pathname sockaddr_un of {@code path}, NUL-terminated; {@link #pathLength} bytes of it are the address. */
    public static byte[] pathAddress(String path) {
        byte[] a = new byte[110];
        a[0] = (byte) AF_UNIX;
        byte[] p = CString.of(path);
        System.arraycopy(p, 0, a, 2, Math.min(p.length, 108));
        return a;
    }

    /** sun_family, the path and its NUL: the length getsockname reports for a pathname. */
    public static int pathLength(String path) { return 2 + path.length() + 1; }

    /** An abstract sockaddr_un: a NUL, then {@code name}; the address is 3 + name's length bytes. */
    public static byte[] abstractAddress(String name) {
        byte[] a = new byte[110];
        a[0] = (byte) AF_UNIX;
        for (int i = 0; i < name.length(); i++) a[3 + i] = (byte) name.charAt(i);
        return a;
    }

    public static int abstractLength(String name) { return 3 + name.length(); }

    // ---- struct msghdr ----

    /**
     * A struct msghdr of one iovec over {@code data} (the iovec in
     * {@code iov}, 16 bytes), with {@code name} of {@code nameLen} bytes and
     * {@code control} of {@code controlLen} (either null for none).
     */
    public static byte[] msghdr(byte[] iov, byte[] data, int dataLen, byte[] name, int nameLen, byte[] control, int controlLen) {
        LittleEndian.put64(iov, 0, data == null ? 0 : Linux.address(data));
        LittleEndian.put64(iov, 8, dataLen);
        byte[] m = new byte[MSGHDR];
        LittleEndian.put64(m, 0, Linux.address(name));
        LittleEndian.put32(m, 8, name == null ? 0 : nameLen);
        LittleEndian.put64(m, 16, Linux.address(iov));
        LittleEndian.put64(m, 24, 1);
        LittleEndian.put64(m, 32, Linux.address(control));
        LittleEndian.put64(m, 40, control == null ? 0 : controlLen);
        return m;
    }

    public static int msgNamelen(byte[] msg) { return LittleEndian.u32(msg, 8); }

    public static long msgControllen(byte[] msg) { return LittleEndian.u64(msg, 40); }

    public static int msgFlags(byte[] msg) { return LittleEndian.u32(msg, 48); }

    /** A control buffer holding one SCM_RIGHTS message of {@code fds} (CMSG_SPACE of them). */
    public static byte[] rights(int[] fds) {
        byte[] c = new byte[space(4 * fds.length)];
        LittleEndian.put64(c, 0, CMSGHDR + 4L * fds.length);
        LittleEndian.put32(c, 8, SOL_SOCKET);
        LittleEndian.put32(c, 12, SCM_RIGHTS);
        for (int i = 0; i < fds.length; i++) LittleEndian.put32(c, CMSGHDR + 4 * i, fds[i]);
        return c;
    }

    /** A control buffer holding one SCM_CREDENTIALS message (struct ucred: pid, uid, gid). */
    public static byte[] credentials(int pid, int uid, int gid) {
        byte[] c = new byte[space(12)];
        LittleEndian.put64(c, 0, CMSGHDR + 12);
        LittleEndian.put32(c, 8, SOL_SOCKET);
        LittleEndian.put32(c, 12, SCM_CREDENTIALS);
        LittleEndian.put32(c, 16, pid);
        LittleEndian.put32(c, 20, uid);
        LittleEndian.put32(c, 24, gid);
        return c;
    }

    /** CMSG_SPACE(len): a header and {@code len} data bytes, aligned to 8. */
    public static int space(int len) { return CMSGHDR + ((len + 7) & ~7); }
}
