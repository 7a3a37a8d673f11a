package lichen.kernel.tty;

import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.signal.SignalState;
import lichen.kernel.signal.Signals;
import lichen.libkernel.Errno;
import lichen.libkernel.tty.Termios;

/**
 * A session's controlling terminal and the rules around it (man 4
 * tty_ioctl, man 7 credentials). A terminal names the session it controls;
 * a process's controlling terminal is the one naming its session. A session
 * leader without one acquires a pty slave it opens without O_NOCTTY, or any
 * terminal by TIOCSCTTY; it gives it up by TIOCNOTTY or by exiting, and the
 * foreground group then hears SIGHUP (and SIGCONT). A process outside the
 * foreground group that reads its controlling terminal gets SIGTTIN, and one
 * that writes with TOSTOP or changes the settings gets SIGTTOU (Linux's
 * __tty_check_change); one that ignores or blocks the signal, or whose group
 * is orphaned, gets EIO instead where Linux says so.
 */
public final class ControllingTerminal {
    private ControllingTerminal() {}

    /** The process making the call, or null for a kernel task (or before processes run: the in-kernel self-test's tasks). */
    static Process caller() {
        return Processes.executor() == null ? null : Processes.current();
    }

    /**
     * Whether {@code t} is {@code p}'s controlling terminal. Session 0 is the
     * one init starts in, inherited from the kernel as on Linux; it has no
     * controlling terminal (0 is also a terminal's "no session").
     */
    public static boolean controls(Terminal t, Process p) { return p.sid() != 0 && t.session == p.sid(); }

    /** {@code p}'s controlling terminal, or null. */
    public static Terminal of(Process p) {
        if (p.sid() == 0) return null;
        Terminal console = Console.terminal();
        if (console.session == p.sid()) return console;
        return Ptys.controlling(p.sid());
    }

    private static boolean leadsSession(Process p) { return p.sid() == p.tgid(); }

    private static void attach(Terminal t, Process p) {
        t.session = p.sid();
        t.foreground = p.pgid(); // the leader's group is the foreground one (tty_io.c's __proc_set_tty)
    }

    /** open(2) without O_NOCTTY of a terminal that may be acquired so (tty_open_proc_set_tty). */
    static void acquireOnOpen(Terminal t) {
        Process p = caller();
        if (p != null && leadsSession(p) && t.session == 0 && of(p) == null) attach(t, p);
    }

    /**
     * TIOCSCTTY: the caller, a session leader without a controlling terminal,
     * takes {@code t}; 0 when it is already the caller's. EPERM when the
     * caller leads no session or has another, or {@code t} is another
     * session's (only root with {@code steal} 1 takes it from that session).
     */
    public static int take(Process p, Terminal t, long steal) {
        if (leadsSession(p) && controls(t, p)) return 0;
        if (!leadsSession(p) || of(p) != null) return -Errno.EPERM;
        if (t.session != 0 && (steal != 1 || p.files().cred.uid != 0)) return -Errno.EPERM;
        attach(t, p);
        return 0;
    }

    /**
     * TIOCNOTTY: ENOTTY unless {@code t} is the caller's controlling terminal.
     * A session leader gives it up for the whole session: the foreground group
     * gets SIGHUP and SIGCONT. (Another member would lose it alone; a
     * terminal here is its whole session's, so that changes nothing yet.)
     */
    public static int give(Process p, Terminal t) {
        if (!controls(t, p)) return -Errno.ENOTTY;
        if (leadsSession(p)) disassociate(t, true);
        return 0;
    }

    /** The session leader {@code p} ended: its terminal's foreground group gets SIGHUP (SIGCONT too on the console) and the session loses it. */
    public static void sessionLeaderExited(Process p) {
        if (!leadsSession(p)) return;
        Terminal t = of(p);
        if (t != null) disassociate(t, t == Console.terminal());
    }

    private static void disassociate(Terminal t, boolean alsoContinue) {
        int group = t.foreground;
        t.session = 0;
        t.foreground = 0;
        if (group <= 0) return;
        Signals.sendToGroup(group, Signals.SIGHUP, Signals.SI_KERNEL, 0);
        if (alsoContinue) Signals.sendToGroup(group, Signals.SIGCONT, Signals.SI_KERNEL, 0);
    }

    /** A pty's master closed: the session leader of the slave's session gets SIGHUP and SIGCONT, and the session loses it (tty_signal_session_leader). */
    static void hangUp(Terminal t) {
        Process leader = t.session > 0 ? Processes.byPid(t.session) : null;
        t.session = 0;
        t.foreground = 0;
        if (leader == null || leader.state() != Process.LIVE || leader.sid() != leader.tgid()) return;
        Signals.send(leader, Signals.SIGHUP, Signals.SI_KERNEL, 0, 0, 0);
        Signals.send(leader, Signals.SIGCONT, Signals.SI_KERNEL, 0, 0, 0);
    }

    /** TIOCSPGRP: {@code pgid} becomes the foreground group of the caller's controlling terminal {@code t}. */
    public static int setForeground(Process p, Terminal t, int pgid) {
        if (!controls(t, p)) return -Errno.ENOTTY;
        if (pgid < 0) return -Errno.EINVAL;
        int session = sessionOfGroup(pgid);
        if (session < 0) return -Errno.ESRCH;
        if (session != p.sid()) return -Errno.EPERM;
        t.foreground = pgid;
        return 0;
    }

    /** The session of process group {@code pgid}'s live members (0 is init's), or -1 when it has none. */
    private static int sessionOfGroup(int pgid) {
        for (int pid = 1; pid < Processes.PID_MAX; pid++) {
            Process q = Processes.byPid(pid);
            if (q != null && q.state() == Process.LIVE && q.pgid() == pgid) return q.sid();
        }
        return -1;
    }

    /** A read of {@code t}: 0 to go on, or SIGTTIN sent and -EINTR (restarted after a handler with SA_RESTART), or -EIO. */
    static int checkRead(Terminal t) { return check(t, Signals.SIGTTIN); }

    /** A write of {@code t}: with TOSTOP, as a change of its settings. */
    static int checkWrite(Terminal t) { return t.termios().local(Termios.TOSTOP) ? check(t, Signals.SIGTTOU) : 0; }

    /** tcsetattr, TIOCSPGRP, TCFLSH and the like from a background process (tty_check_change). */
    public static int checkChange(Terminal t) { return check(t, Signals.SIGTTOU); }

    private static int check(Terminal t, int sig) {
        Process p = caller();
        if (p == null || !controls(t, p) || t.foreground == 0 || p.pgid() == t.foreground) return 0;
        SignalState s = p.signals();
        boolean ignored = (s.blocked() & SignalState.bit(sig)) != 0 || s.handler(sig) == SignalState.SIG_IGN;
        if (ignored) return sig == Signals.SIGTTIN ? -Errno.EIO : 0;
        if (orphaned(p.pgid(), p.sid())) return -Errno.EIO;
        Signals.sendToGroup(p.pgid(), sig, Signals.SI_KERNEL, 0);
        return -Errno.EINTR;
    }

    /**
     * Whether process group {@code pgid} is orphaned (POSIX; Linux's
     * will_become_orphaned_pgrp): no member has a parent in another group of
     * the same session, init not counting as a parent.
     */
    private static boolean orphaned(int pgid, int sid) {
        for (int pid = 1; pid < Processes.PID_MAX; pid++) {
            Process q = Processes.byPid(pid);
            if (q == null || q.state() != Process.LIVE || q.pgid() != pgid || q.leader() != q) continue;
            Process parent = q.parent();
            if (parent == null || parent.pid() == 1) continue;
            if (parent.pgid() != pgid && parent.sid() == sid) return false;
        }
        return true;
    }
}
