package lichen.kernel.syscall;

import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.signal.SignalState;
import lichen.kernel.signal.Signals;
import lichen.libkernel.Errno;

/** kill(2), tkill(2) and tgkill(2): every process has one thread, whose id is its pid. */
final class KillCalls {
    private KillCalls() {}

    /**
     * kill(2): {@code pid} > 0 one process, 0 the caller's group, -1 every
     * process but init and the caller, < -1 the group -pid. Signal 0 only
     * checks that a target exists. EINVAL for a bad signal, ESRCH when no
     * process matched (every process is root, so EPERM never applies).
     */
    static long sysKill(Process p, int pid, int sig) {
        if (sig != 0 && !SignalState.valid(sig)) return -Errno.EINVAL;
        if (pid > 0) return signalOne(p, Processes.byPid(pid), sig);
        if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
        if (pid != -1) return Signals.sendToGroup(pid == 0 ? p.pgid() : -pid, sig, Signals.SI_USER, p.pid()) ? 0 : -Errno.ESRCH;
        boolean any = false;
        for (int q = 1; q < Processes.PID_MAX; q++) {
            Process t = Processes.byPid(q);
            if (t == null || t.state() == Process.REAPED || t.pid() == 1 || t == p) continue;
            any = true;
            if (sig != 0) Signals.send(t, sig, Signals.SI_USER, p.pid(), 0, 0);
        }
        return any ? 0 : -Errno.ESRCH;
    }

    /** tgkill(2): the thread {@code tid} of thread group {@code tgid}; EINVAL for non-positive ids. */
    static long sysTgkill(Process p, int tgid, int tid, int sig) {
        if (tgid <= 0 || tid <= 0) return -Errno.EINVAL;
        Process t = Processes.byPid(tid);
        if (t == null || t.tgid() != tgid) return -Errno.ESRCH;
        return sysTkill(p, tid, sig);
    }

    static long sysTkill(Process p, int tid, int sig) {
        if (tid <= 0) return -Errno.EINVAL;
        if (sig != 0 && !SignalState.valid(sig)) return -Errno.EINVAL;
        Process t = Processes.byPid(tid);
        if (t == null || t.state() == Process.REAPED) return -Errno.ESRCH;
        if (sig != 0) return Signals.sendToThread(t, sig, Signals.SI_TKILL, p.pid(), 0, 0); // EAGAIN past RLIMIT_SIGPENDING
        return 0;
    }

    private static long signalOne(Process p, Process t, int sig) {
        if (t == null || t.state() == Process.REAPED) return -Errno.ESRCH;
        if (sig != 0) Signals.send(t, sig, Signals.SI_USER, p.pid(), 0, 0);
        return 0;
    }
}
