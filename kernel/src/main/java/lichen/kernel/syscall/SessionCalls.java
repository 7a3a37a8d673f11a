package lichen.kernel.syscall;

import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;

/** Process groups and sessions (man 2 setpgid, getpgid, setsid, getsid). */
final class SessionCalls {
    private SessionCalls() {}

    /** The caller (0) or a process by pid, or null. */
    private static Process target(Process p, int pid) { return pid == 0 ? p : Processes.byPid(pid); }

    /**
     * setpgid(2): the caller or one of its children joins group {@code pgid}
     * (0: its own pid) in the same session. ESRCH for another process, EPERM
     * for a session leader or a group in another session, EINVAL for a negative pgid.
     */
    static long sysSetpgid(Process p, int pid, int pgid) {
        if (pgid < 0) return -Errno.EINVAL;
        Process t = target(p, pid);
        if (t == null || (t != p && t.parent() != p)) return -Errno.ESRCH;
        if (t.sid() != p.sid() || t.sid() == t.tgid()) return -Errno.EPERM;
        if (t != p && t.hasExeced()) return -Errno.EACCES;
        int group = pgid == 0 ? t.tgid() : pgid;
        if (group != t.tgid() && !groupInSession(group, p.sid())) return -Errno.EPERM;
        t.setPgid(group);
        return 0;
    }

    private static boolean groupInSession(int pgid, int sid) {
        for (int pid = 1; pid < Processes.PID_MAX; pid++) {
            Process q = Processes.byPid(pid);
            if (q != null && q.pgid() == pgid && q.sid() == sid && q.state() == Process.LIVE) return true;
        }
        return false;
    }

    static long sysGetpgid(Process p, int pid) {
        Process t = target(p, pid);
        return t == null ? -Errno.ESRCH : t.pgid();
    }

    /** setsid(2): EPERM when the caller already leads a process group. */
    static long sysSetsid(Process p) {
        if (p.pgid() == p.tgid()) return -Errno.EPERM;
        p.startSession();
        return p.tgid();
    }

    static long sysGetsid(Process p, int pid) {
        Process t = target(p, pid);
        return t == null ? -Errno.ESRCH : t.sid();
    }
}
