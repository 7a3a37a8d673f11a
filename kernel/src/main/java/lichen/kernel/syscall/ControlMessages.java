package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.kernel.mm.UserCopy;
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

/**
 * Ancillary data (cmsg(3), unix(7)): a sendmsg's control buffer read into
 * the message, and a recvmsg's written from it. Each struct cmsghdr is
 * size_t cmsg_len, int cmsg_level, int cmsg_type, then data, the next one
 * CMSG_ALIGN (8 bytes) later. SOL_SOCKET's SCM_RIGHTS carries descriptors
 * (ints), SCM_CREDENTIALS a struct ucred (pid, uid, gid).
 */
final class ControlMessages {
    static final int SCM_RIGHTS = 1, SCM_CREDENTIALS = 2;
    /** sizeof(struct cmsghdr), and CMSG_LEN(sizeof(struct ucred)). */
    static final int HEADER = 16, CREDENTIALS_LENGTH = HEADER + 12;
    /** The most control bytes one sendmsg takes (net.core.optmem_max's order); more is ENOBUFS. */
    static final int MAX = 65536;
    /** What a receive's control data can take: credentials, then the most descriptors one message carries. */
    private static final int OUT_MAX = 32 + HEADER + 4 * PassedFiles.MAX + 8;

    private ControlMessages() {}

    static int align(long n) { return (int) ((n + 7) & ~7L); }

    /**
     * sendmsg's {@code len} control bytes at {@code control} into {@code m}
     * (__scm_send): EINVAL for a header whose length does not fit, an
     * unknown SOL_SOCKET type, SCM_RIGHTS on a socket not AF_UNIX or past
     * SCM_MAX_FD, or credentials of the wrong size or id -1; EBADF for a
     * descriptor not open; ESRCH for a pid of no process. Other levels are
     * skipped, as Linux does.
     */
    @Async
    static int parse(Process p, long control, long len, Socket s, Message m) {
        if (len == 0) return 0;
        if (len < 0 || len > MAX) return -Errno.ENOBUFS;
        byte[] b = Kmem.newBytes((int) len);
        int rc = UserCopy.copyIn(p.mm(), control, b, 0, (int) len) < 0 ? -Errno.EFAULT : 0;
        for (int at = 0; rc == 0 && at + HEADER <= len; ) {
            long cmsgLen = LittleEndian.u64(b, at);
            int level = LittleEndian.u32(b, at + 8), type = LittleEndian.u32(b, at + 12);
            if (cmsgLen < HEADER || cmsgLen > len - at) rc = -Errno.EINVAL;
            else if (level == SocketOptions.SOL_SOCKET) rc = parseOne(p, b, at, (int) cmsgLen, type, s, m);
            at += align(cmsgLen);
        }
        Kmem.free(b);
        return rc;
    }

    private static int parseOne(Process p, byte[] b, int at, int cmsgLen, int type, Socket s, Message m) {
        if (type == SCM_RIGHTS) {
            if (s.domain() != SocketFamilies.AF_UNIX) return -Errno.EINVAL;
            int n = (cmsgLen - HEADER) / 4;
            if (PassedFiles.count(m.files) + n > PassedFiles.MAX) return -Errno.EINVAL;
            for (int i = 0; i < n; i++) {
                OpenFile f = FileCalls.file(p, LittleEndian.u32(b, at + HEADER + 4 * i));
                if (f == null) return -Errno.EBADF;
                m.files = PassedFiles.append(m.files, f);
            }
            return 0;
        }
        if (type == SCM_CREDENTIALS) {
            if (cmsgLen != CREDENTIALS_LENGTH) return -Errno.EINVAL;
            int pid = LittleEndian.u32(b, at + HEADER), uid = LittleEndian.u32(b, at + HEADER + 4), gid = LittleEndian.u32(b, at + HEADER + 8);
            if (Processes.byPid(pid) == null) return -Errno.ESRCH;
            if (uid == -1 || gid == -1) return -Errno.EINVAL;
            m.setCredentials(pid, uid, gid);
            return 0;
        }
        return -Errno.EINVAL;
    }

    /**
     * recvmsg's control data from {@code m} into the {@code room} bytes at
     * {@code control} (scm_recv): SCM_CREDENTIALS first when the message has
     * them, then SCM_RIGHTS with as many descriptors as fit, installed
     * close-on-exec with MSG_CMSG_CLOEXEC; descriptors that do not fit (or
     * find the table full) are closed, and MSG_CTRUNC reports any loss.
     * Returns the bytes used, msg_controllen's new value, or -EFAULT.
     */
    @Async
    static long deliver(Process p, Message m, long control, long room, boolean closeOnExec) {
        if (room < 0) room = 0;
        byte[] out = Kmem.newBytes(OUT_MAX);
        int used = 0;
        if (m.hasCredentials) {
            if (room < HEADER) {
                m.resultFlags |= MessageFlags.MSG_CTRUNC;
            } else {
                header(out, 0, CREDENTIALS_LENGTH, SCM_CREDENTIALS);
                LittleEndian.put32(out, HEADER, m.pid);
                LittleEndian.put32(out, HEADER + 4, m.uid);
                LittleEndian.put32(out, HEADER + 8, m.gid);
                if (room < CREDENTIALS_LENGTH) m.resultFlags |= MessageFlags.MSG_CTRUNC;
                used = (int) Math.min(align(CREDENTIALS_LENGTH), room);
            }
        }
        if (m.files != null) {
            int total = PassedFiles.count(m.files);
            long space = room - used;
            int fit = space <= HEADER ? 0 : (int) Math.min(total, (space - HEADER) / 4);
            FsContext ctx = p.files();
            int installed = 0;
            while (installed < fit && ctx != null) {
                int fd = ctx.fds.install(m.files.file, closeOnExec);
                if (fd < 0) break;
                LittleEndian.put32(out, used + HEADER + 4 * installed, fd);
                m.files = PassedFiles.handOff(m.files); // the reference is the descriptor's now
                installed++;
            }
            if (installed > 0) {
                header(out, used, HEADER + 4 * installed, SCM_RIGHTS);
                used += (int) Math.min(align(HEADER + 4 * installed), room - used);
            }
            if (installed < total) m.resultFlags |= MessageFlags.MSG_CTRUNC;
            PassedFiles.close(m.files);
            m.files = null;
        }
        int rc = used > 0 ? UserCopy.copyOut(p.mm(), control, out, 0, used) : 0;
        Kmem.free(out);
        return rc < 0 ? -Errno.EFAULT : used;
    }

    private static void header(byte[] out, int at, int cmsgLen, int type) {
        LittleEndian.put64(out, at, cmsgLen);
        LittleEndian.put32(out, at + 8, SocketOptions.SOL_SOCKET);
        LittleEndian.put32(out, at + 12, type);
    }
}
