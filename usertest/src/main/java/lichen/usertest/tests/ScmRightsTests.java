package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.SocketPairs;
import lichen.usertest.TestList;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Sockets;

/**
 * Ancillary data over unix sockets (unix(7), cmsg(3)): SCM_RIGHTS passes
 * open files (closing those the receiver has no room for, with MSG_CTRUNC),
 * MSG_CMSG_CLOEXEC, SCM_CREDENTIALS with SO_PASSCRED, and SO_PEERCRED.
 */
public final class ScmRightsTests {
    private ScmRightsTests() {}

    public static void register(TestList list) {
        list.add("scm_rights_passes_a_pipe_end_to_another_process", ScmRightsTests::passPipe);
        list.add("scm_rights_truncated_control_ctrunc_closes_the_rest", ScmRightsTests::truncated);
        list.add("scm_rights_cmsg_cloexec_and_errors_ebadf_einval", ScmRightsTests::flagsAndErrors);
        list.add("scm_rights_cmsg_len_past_the_buffer_einval", ScmRightsTests::badLength);
        list.add("scm_credentials_passcred_and_explicit_and_so_peercred", ScmRightsTests::credentials);
    }

    /** Sends {@code fds} with one byte of data over {@code s}; sendmsg's result. */
    static long sendFiles(int s, int[] fds) {
        byte[] iov = new byte[16];
        byte[] data = UnixSocketTests.text("F");
        byte[] control = Sockets.rights(fds);
        return Sockets.sendmsg(s, Sockets.msghdr(iov, data, 1, null, 0, control, control.length), 0);
    }

    /** The first SCM_RIGHTS descriptor in a received control buffer, or -1. */
    static int firstDescriptor(byte[] control, long used) {
        if (used < Sockets.CMSGHDR + 4 || LittleEndian.u32(control, 8) != Sockets.SOL_SOCKET || LittleEndian.u32(control, 12) != Sockets.SCM_RIGHTS) {
            return -1;
        }
        return LittleEndian.u32(control, Sockets.CMSGHDR);
    }

    private static void passPipe(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        int[] p = Pipes.open(c);
        if (sv == null || p == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            byte[] iov = new byte[16];
            byte[] data = new byte[4];
            byte[] control = new byte[Sockets.space(4)];
            byte[] msg = Sockets.msghdr(iov, data, 4, null, 0, control, control.length);
            long n = Sockets.recvmsg(sv[1], msg, 0);
            int fd = firstDescriptor(control, Sockets.msgControllen(msg));
            if (n != 1 || fd < 0) {
                Processes.childExit(10);
            }
            long w = Linux.write(fd, UnixSocketTests.text("via"), 0, 3);
            Processes.childExit(w == 3 ? 0 : 11);
        }
        c.returned(1, sendFiles(sv[0], new int[] {p[1]}), "sendmsg with the pipe's write end");
        Linux.close(p[1]);
        c.returned(0, Processes.waitFor(pid), "the child wrote through the descriptor it received (10 none, 11 write failed)");
        byte[] b = new byte[4];
        c.returned(3, Linux.read(p[0], b, 0, 4), "read what the child wrote");
        c.equal("via", CString.decode(b, 0, 3), "its bytes");
        c.returned(0, Linux.read(p[0], b, 0, 4), "end of file: the passed end was closed with the child");
        SocketPairs.close(p[0], sv[0], sv[1]);
    }

    private static void truncated(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_DGRAM);
        int[] p = Pipes.open(c);
        if (sv == null || p == null) {
            return;
        }
        c.returned(1, sendFiles(sv[0], new int[] {p[1], p[1]}), "send the write end twice");
        Linux.close(p[1]);
        byte[] iov = new byte[16];
        byte[] data = new byte[4];
        byte[] control = new byte[Sockets.space(4)];
        byte[] msg = Sockets.msghdr(iov, data, 4, null, 0, control, Sockets.CMSGHDR + 4);
        c.returned(1, Sockets.recvmsg(sv[1], msg, 0), "recvmsg with room for one descriptor");
        c.equal(Sockets.MSG_CTRUNC, Sockets.msgFlags(msg), "MSG_CTRUNC");
        c.equal(Sockets.CMSGHDR + 4, Sockets.msgControllen(msg), "msg_controllen: the one that fit");
        int fd = firstDescriptor(control, Sockets.msgControllen(msg));
        if (c.isTrue(fd >= 0, "one descriptor came")) {
            c.equal(Sockets.CMSGHDR + 4, LittleEndian.u64(control, 0), "its cmsg_len");
            Linux.close(fd);
        }
        byte[] b = new byte[1];
        c.returned(0, Linux.read(p[0], b, 0, 1), "end of file: the copy that did not fit was closed");
        c.returned(1, sendFiles(sv[0], new int[] {p[0]}), "send another");
        msg = Sockets.msghdr(iov, data, 4, null, 0, null, 0);
        c.returned(1, Sockets.recvmsg(sv[1], msg, 0), "recvmsg with no control buffer");
        c.equal(Sockets.MSG_CTRUNC, Sockets.msgFlags(msg), "MSG_CTRUNC: the descriptor was dropped");
        SocketPairs.close(p[0], sv[0], sv[1]);
    }

    private static void flagsAndErrors(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv == null) {
            return;
        }
        c.returned(1, sendFiles(sv[0], new int[] {sv[0]}), "send a socket's own descriptor");
        byte[] iov = new byte[16];
        byte[] data = new byte[4];
        byte[] control = new byte[64];
        byte[] msg = Sockets.msghdr(iov, data, 4, null, 0, control, control.length);
        c.returned(1, Sockets.recvmsg(sv[1], msg, Sockets.MSG_CMSG_CLOEXEC), "recvmsg with MSG_CMSG_CLOEXEC");
        c.equal(Sockets.space(4), Sockets.msgControllen(msg), "msg_controllen is CMSG_SPACE of one descriptor");
        int fd = firstDescriptor(control, Sockets.msgControllen(msg));
        if (c.isTrue(fd >= 0, "a descriptor came")) {
            c.equal(Fcntl.FD_CLOEXEC, Linux.fcntl(fd, Fcntl.F_GETFD, 0), "it is close-on-exec");
            c.equal(Sockets.SOCK_STREAM, Sockets.intOption(fd, Sockets.SOL_SOCKET, Sockets.SO_TYPE), "it is the socket");
            Linux.close(fd);
        }
        c.fails(Errno.EBADF, sendFiles(sv[0], new int[] {999}), "SCM_RIGHTS with a descriptor not open");
        c.fails(Errno.EFAULT, Sockets.sendmsg(sv[0], 8L, 0), "sendmsg of an unreadable msghdr");
        byte[] d = new byte[4];
        c.fails(Errno.EAGAIN, Sockets.recv(sv[1], d, 4, Sockets.MSG_DONTWAIT), "the failed sends sent nothing");
        SocketPairs.close(sv[0], sv[1]);
    }

    /** A cmsg_len that runs past msg_controllen is EINVAL (CMSG_OK), and nothing is sent. */
    private static void badLength(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_STREAM);
        if (sv == null) {
            return;
        }
        byte[] iov = new byte[16];
        byte[] data = new byte[4];
        byte[] bad = Sockets.rights(new int[] {0});
        LittleEndian.put64(bad, 0, 200);
        c.fails(Errno.EINVAL, Sockets.sendmsg(sv[0], Sockets.msghdr(iov, data, 1, null, 0, bad, bad.length), 0), "a cmsg_len past the buffer");
        c.fails(Errno.EAGAIN, Sockets.recv(sv[1], data, 4, Sockets.MSG_DONTWAIT), "nothing was sent");
        SocketPairs.close(sv[0], sv[1]);
    }

    private static void credentials(Check c) {
        int[] sv = SocketPairs.pair(c, Sockets.SOCK_DGRAM);
        if (sv == null) {
            return;
        }
        long pid = Linux.getpid();
        byte[] cred = new byte[12];
        int[] len = {12};
        if (c.returned(0, Sockets.getsockopt(sv[0], Sockets.SOL_SOCKET, Sockets.SO_PEERCRED, cred, len), "SO_PEERCRED")) {
            c.equal(12, len[0], "struct ucred's size");
            c.equal(pid, LittleEndian.u32(cred, 0), "the pair's peer is this process");
        }
        c.returned(0, Sockets.setsockopt(sv[1], Sockets.SOL_SOCKET, Sockets.SO_PASSCRED, 1), "SO_PASSCRED on the receiver");
        c.equal(1, Sockets.intOption(sv[1], Sockets.SOL_SOCKET, Sockets.SO_PASSCRED), "SO_PASSCRED reads back");
        c.returned(1, Sockets.send(sv[0], UnixSocketTests.text("x"), 1, 0), "a send with no credentials given");
        byte[] iov = new byte[16];
        byte[] data = new byte[4];
        byte[] control = new byte[64];
        byte[] msg = Sockets.msghdr(iov, data, 4, null, 0, control, control.length);
        c.returned(1, Sockets.recvmsg(sv[1], msg, 0), "recvmsg");
        c.equal(Sockets.space(12), Sockets.msgControllen(msg), "one SCM_CREDENTIALS message");
        c.equal(Sockets.SCM_CREDENTIALS, LittleEndian.u32(control, 12), "its type");
        c.equal(pid, LittleEndian.u32(control, 16), "the sender's pid");
        c.equal(Linux.getuid(), LittleEndian.u32(control, 20), "the sender's uid");
        long parent = Linux.getppid();
        byte[] given = Sockets.credentials((int) parent, (int) Linux.getuid(), (int) Linux.getgid());
        c.returned(1, Sockets.sendmsg(sv[0], Sockets.msghdr(iov, UnixSocketTests.text("y"), 1, null, 0, given, given.length), 0),
                   "send with credentials naming the parent (root may)");
        msg = Sockets.msghdr(iov, data, 4, null, 0, control, control.length);
        c.returned(1, Sockets.recvmsg(sv[1], msg, 0), "recvmsg");
        c.equal(parent, LittleEndian.u32(control, 16), "the pid given");
        byte[] wrong = Sockets.credentials((int) pid, -1, 0);
        c.fails(Errno.EINVAL, Sockets.sendmsg(sv[0], Sockets.msghdr(iov, data, 1, null, 0, wrong, wrong.length), 0), "uid -1");
        SocketPairs.close(sv[0], sv[1]);
    }
}
