package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Pipes;
import lichen.usertest.ProcStat;
import lichen.usertest.Processes;
import lichen.usertest.PseudoTerminals;
import lichen.usertest.SignalRecorder;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Timespec;

/**
 * A session's controlling terminal (man 4 tty_ioctl, man 7 credentials) on a
 * pseudo-terminal: TIOCSCTTY and acquiring by open, /dev/tty, TIOCGSID,
 * TIOCGPGRP and TIOCSPGRP, TIOCNOTTY, TIOCSWINSZ's SIGWINCH, the hangup at
 * the session leader's exit, and the job-control signals of a background
 * group (SIGTTIN for a read, SIGTTOU for tcsetattr). Each runs in a child
 * that makes its own session; its answers come back through a pipe.
 */
public final class ControllingTerminalTests {
    private ControllingTerminalTests() {}

    public static void register(TestList list) {
        list.add("tty_setsid_tiocsctty_dev_tty_tiocgsid", ControllingTerminalTests::takeByIoctl);
        list.add("tty_session_leader_open_acquires_non_leader_does_not", ControllingTerminalTests::acquireByOpen);
        list.add("tty_tiocspgrp_other_session_eperm_tiocgpgrp_enotty", ControllingTerminalTests::foregroundRules);
        list.add("tty_tiocnotty_by_leader_sighup_sigcont_dev_tty_enxio", ControllingTerminalTests::giveUp);
        list.add("tty_tiocswinsz_sigwinch_to_foreground_group", ControllingTerminalTests::windowSize);
        list.add("tty_session_leader_exit_sighup_to_foreground_group", ControllingTerminalTests::leaderExits);
        list.add("tty_background_read_sigttin_or_eio_when_blocked", ControllingTerminalTests::backgroundRead);
        list.add("tty_background_tcsetattr_sigttou_unless_blocked", ControllingTerminalTests::backgroundChange);
    }

    private static long openTty() {
        return Linux.openat(Fcntl.AT_FDCWD, "/dev/tty", Fcntl.O_RDWR, 0);
    }

    private static long intIoctl(int fd, int cmd) {
        int[] v = new int[1];
        long r = Linux.ioctl(fd, cmd, v);
        return r < 0 ? r : v[0];
    }

    /**
     * setsid, then the slave opened with O_NOCTTY is no controlling terminal
     * (/dev/tty ENXIO, TIOCGSID ENOTTY) until TIOCSCTTY; then /dev/tty opens
     * it, and TIOCGSID and TIOCGPGRP name the child's session and group.
     */
    private static void takeByIoctl(Check c) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        if (p == null) {
            return;
        }
        int s = p[1];
        long index = PseudoTerminals.index(p[0]);
        long[] a = Processes.answersFromChild(c, 13, () -> {
            long sid = Linux.setsid();
            long before = openTty();
            long sidBefore = intIoctl(s, PseudoTerminals.TIOCGSID);
            long ttyNrBefore = ProcStat.selfField(7), tpgidBefore = ProcStat.selfField(8);
            long take = Linux.ioctl(s, PseudoTerminals.TIOCSCTTY, 0);
            long again = Linux.ioctl(s, PseudoTerminals.TIOCSCTTY, 0);
            long tty = openTty();
            long wrote = tty < 0 ? tty : PseudoTerminals.write((int) tty, "via tty");
            return new long[] {sid, before, sidBefore, take, again, tty, intIoctl(s, PseudoTerminals.TIOCGSID),
                intIoctl(s, PseudoTerminals.TIOCGPGRP), wrote, ttyNrBefore, tpgidBefore, ProcStat.selfField(7), ProcStat.selfField(8)};
        });
        if (a != null) {
            c.succeeded(a[0], "setsid");
            c.fails(Errno.ENXIO, a[1], "open(/dev/tty) with no controlling terminal");
            c.fails(Errno.ENOTTY, a[2], "TIOCGSID before TIOCSCTTY");
            c.returned(0, a[3], "TIOCSCTTY by the new session's leader");
            c.returned(0, a[4], "TIOCSCTTY again on its own terminal");
            c.succeeded(a[5], "open(/dev/tty) after TIOCSCTTY");
            c.equal(a[0], a[6], "TIOCGSID: the child's session");
            c.equal(a[0], a[7], "TIOCGPGRP: the leader's group is the foreground one");
            c.returned(7, a[8], "write to /dev/tty");
            c.equal(0, a[9], "/proc/self/stat's tty_nr without a controlling terminal");
            c.equal(-1, a[10], "and its tpgid");
            c.equal(136 << 8 | index, a[11], "tty_nr: the slave's device, 136:" + index);
            c.equal(a[0], a[12], "tpgid: the terminal's foreground group, the leader's");
            c.equal("via tty", PseudoTerminals.readText(p[0], 7), "what /dev/tty's write showed on the master");
        }
        Linux.close(p[0]);
        Linux.close(p[1]);
    }

    /** A session leader with no controlling terminal acquires a slave it opens without O_NOCTTY; a process that leads no session does not. */
    private static void acquireByOpen(Check c) {
        int m = PseudoTerminals.openMaster(c);
        if (m < 0 || !c.returned(0, PseudoTerminals.setLock(m, 0), "unlockpt")) {
            return;
        }
        String name = PseudoTerminals.slaveName(m);
        long[] a = Processes.answersFromChild(c, 4, () -> {
            long s = Linux.openat(Fcntl.AT_FDCWD, name, Fcntl.O_RDWR, 0);
            long notLeader = s < 0 ? s : intIoctl((int) s, PseudoTerminals.TIOCGSID);
            long sid = Linux.setsid();
            long s2 = Linux.openat(Fcntl.AT_FDCWD, name, Fcntl.O_RDWR, 0);
            long leader = s2 < 0 ? s2 : intIoctl((int) s2, PseudoTerminals.TIOCGSID);
            return new long[] {s, notLeader, sid, leader};
        });
        if (a != null) {
            c.succeeded(a[0], "open of the slave before setsid");
            c.fails(Errno.ENOTTY, a[1], "TIOCGSID: the open by a non-leader acquired nothing");
            c.equal(a[2], a[3], "TIOCGSID after the session leader's open: its session");
        }
        Linux.close(m);
    }

    /**
     * TIOCSPGRP on the caller's controlling terminal: EPERM for a group of
     * another session, EINVAL for a negative one; TIOCGPGRP and TIOCSPGRP on
     * a terminal that is not the caller's controlling terminal: ENOTTY.
     */
    private static void foregroundRules(Check c) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        int[] hold = Pipes.open(c);
        if (p == null || hold == null) {
            return;
        }
        // A group of the test's session for the child, in a session of its own, to name: a blocked reader leading it.
        long other = Processes.forkBlockedReader(hold);
        Linux.close(hold[0]);
        if (!c.succeeded(other, "clone") || !c.returned(0, Linux.setpgid(other, other), "setpgid(reader, reader)")) {
            Linux.close(hold[1]);
            return;
        }
        int s = p[1];
        long[] a = Processes.answersFromChild(c, 5, () -> {
            long sid = Linux.setsid();
            Linux.ioctl(s, PseudoTerminals.TIOCSCTTY, 0);
            return new long[] {sid, Linux.ioctl(s, PseudoTerminals.TIOCSPGRP, new int[] {(int) other}),
                Linux.ioctl(s, PseudoTerminals.TIOCSPGRP, new int[] {-1}),
                Linux.ioctl(s, PseudoTerminals.TIOCSPGRP, new int[] {(int) sid}), intIoctl(s, PseudoTerminals.TIOCGPGRP)};
        });
        if (a != null) {
            c.fails(Errno.EPERM, a[1], "TIOCSPGRP to a group of the test's session, another one");
            c.fails(Errno.EINVAL, a[2], "TIOCSPGRP to -1");
            c.returned(0, a[3], "TIOCSPGRP to the child's own group");
            c.equal(a[0], a[4], "TIOCGPGRP");
        }
        c.fails(Errno.ENOTTY, intIoctl(s, PseudoTerminals.TIOCGPGRP), "TIOCGPGRP on a terminal that is not the caller's");
        c.fails(Errno.ENOTTY, Linux.ioctl(s, PseudoTerminals.TIOCSPGRP, new int[] {(int) other}), "TIOCSPGRP on a terminal that is not the caller's");
        Linux.close(hold[1]);
        Processes.waitFor(other);
        Linux.close(p[0]);
        Linux.close(p[1]);
    }

    /** TIOCNOTTY by the session leader: the foreground group (its own) gets SIGHUP and SIGCONT, and /dev/tty is ENXIO after. */
    private static void giveUp(Check c) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        if (p == null) {
            return;
        }
        int s = p[1];
        long[] a = Processes.answersFromChild(c, 5, () -> {
            PseudoTerminals.block(Signals.bit(Signals.SIGHUP) | Signals.bit(Signals.SIGCONT));
            Linux.setsid();
            long take = Linux.ioctl(s, PseudoTerminals.TIOCSCTTY, 0);
            long give = Linux.ioctl(s, PseudoTerminals.TIOCNOTTY, 0);
            return new long[] {take, give, PseudoTerminals.pendingSoon(Signals.SIGHUP) ? 1 : 0,
                PseudoTerminals.pendingSoon(Signals.SIGCONT) ? 1 : 0, openTty()};
        });
        if (a != null) {
            c.returned(0, a[0], "TIOCSCTTY");
            c.returned(0, a[1], "TIOCNOTTY by the session leader");
            c.equal(1, a[2], "SIGHUP pending for the foreground group");
            c.equal(1, a[3], "SIGCONT pending for the foreground group");
            c.fails(Errno.ENXIO, a[4], "open(/dev/tty) after TIOCNOTTY");
        }
        c.fails(Errno.ENOTTY, Linux.ioctl(s, PseudoTerminals.TIOCNOTTY, 0), "TIOCNOTTY on a terminal that is not the caller's");
        Linux.close(p[0]);
        Linux.close(p[1]);
    }

    /** TIOCSWINSZ changes the size TIOCGWINSZ reads and sends SIGWINCH to the foreground group; the same size again sends nothing. */
    private static void windowSize(Check c) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        if (p == null) {
            return;
        }
        int s = p[1];
        long[] a = Processes.answersFromChild(c, 5, () -> {
            PseudoTerminals.block(Signals.bit(Signals.SIGWINCH));
            Linux.setsid();
            Linux.ioctl(s, PseudoTerminals.TIOCSCTTY, 0);
            byte[] w = new byte[8];
            LittleEndian.put16(w, 0, 24);
            LittleEndian.put16(w, 2, 80);
            long same = Linux.ioctl(s, PseudoTerminals.TIOCSWINSZ, Linux.address(new byte[8]));
            long quiet = PseudoTerminals.pendingSoon(Signals.SIGWINCH) ? 1 : 0;
            long set = Linux.ioctl(p[0], PseudoTerminals.TIOCSWINSZ, Linux.address(w)); // the master's request sets the slave's size
            long winch = PseudoTerminals.pendingSoon(Signals.SIGWINCH) ? 1 : 0;
            byte[] r = new byte[8];
            Linux.ioctl(s, PseudoTerminals.TIOCGWINSZ, Linux.address(r));
            return new long[] {same, quiet, set, winch, LittleEndian.u16(r, 0) * 1000L + LittleEndian.u16(r, 2)};
        });
        if (a != null) {
            c.returned(0, a[0], "TIOCSWINSZ to the size it has (0 by 0)");
            c.equal(0, a[1], "SIGWINCH pending after a TIOCSWINSZ that changed nothing");
            c.returned(0, a[2], "TIOCSWINSZ 24 by 80 on the master");
            c.equal(1, a[3], "SIGWINCH pending for the slave's foreground group");
            c.equal(24080, a[4], "TIOCGWINSZ on the slave: rows * 1000 + columns");
        }
        Linux.close(p[0]);
        Linux.close(p[1]);
    }

    /**
     * The session leader's exit: its terminal's foreground group gets SIGHUP
     * (disassociate_ctty). The leader's child, in that group with SIGHUP
     * blocked, waits until it is orphaned and reports through a pipe.
     */
    private static void leaderExits(Check c) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        int[] report = Pipes.open(c);
        if (p == null || report == null) {
            return;
        }
        int s = p[1];
        long pid = Processes.fork();
        if (pid == 0) {
            PseudoTerminals.block(Signals.bit(Signals.SIGHUP) | Signals.bit(Signals.SIGCONT));
            Linux.setsid();
            if (Linux.ioctl(s, PseudoTerminals.TIOCSCTTY, 0) != 0) {
                Processes.childExit(10);
            }
            long leader = Linux.getpid();
            long child = Processes.fork();
            if (child == 0) {
                Linux.close(report[0]);
                for (int i = 0; i < 200 && Linux.getppid() == leader; i++) {
                    LinuxSystem.nanosleep(Timespec.ofNanos(10_000_000L).encode(), null); // until the leader has gone
                }
                byte[] r = {(byte) (PseudoTerminals.pendingSoon(Signals.SIGHUP) ? 'H' : 'n')};
                Linux.write(report[1], r, 0, 1);
                Processes.childExit(0);
            }
            Processes.childExit(child > 0 ? 0 : 11);
        }
        Linux.close(report[1]);
        if (c.succeeded(pid, "clone")) {
            c.equal(0, Processes.waitFor(pid), "the leader's status (10 TIOCSCTTY, 11 fork)");
            c.equal("H", PseudoTerminals.readText(report[0], 1), "the report of the leader's child (H: SIGHUP pending)");
        }
        Linux.close(report[0]);
        Linux.close(p[0]);
        Linux.close(p[1]);
    }

    /**
     * A background group's read of its controlling terminal (n_tty's
     * job_control): SIGTTIN to the group and EINTR after its handler runs;
     * with SIGTTIN blocked, EIO and no signal. The session leader stays in
     * the foreground; its child moves to a group of its own.
     */
    private static void backgroundRead(Check c) {
        inBackground(c, (s, rec) -> {
            byte[] b = new byte[4];
            long caught = rec.catchSignal(Signals.SIGTTIN);
            long read = Linux.read(s, b, 0, 4);
            boolean got = rec.caught(Signals.SIGTTIN);
            PseudoTerminals.block(Signals.bit(Signals.SIGTTIN));
            long blocked = Linux.read(s, b, 0, 4);
            if (caught != 0) {
                return 20;
            }
            if (read != -Errno.EINTR) {
                return 21;
            }
            if (!got) {
                return 22;
            }
            return blocked == -Errno.EIO ? 0 : 23;
        }, "20 rt_sigaction, 21 the first read was not EINTR, 22 no SIGTTIN caught, 23 the blocked read was not EIO");
    }

    /** tcsetattr from a background group: SIGTTOU and EINTR after its handler runs; with SIGTTOU blocked the change is made (tty_check_change). */
    private static void backgroundChange(Check c) {
        inBackground(c, (s, rec) -> {
            byte[] t = new byte[60];
            if (Linux.ioctl(s, PseudoTerminals.TCGETS, Linux.address(t)) != 0) {
                return 20;
            }
            long caught = rec.catchSignal(Signals.SIGTTOU);
            long set = Linux.ioctl(s, PseudoTerminals.TCSETS, Linux.address(t));
            boolean got = rec.caught(Signals.SIGTTOU);
            PseudoTerminals.block(Signals.bit(Signals.SIGTTOU));
            long blocked = Linux.ioctl(s, PseudoTerminals.TCSETS, Linux.address(t));
            if (caught != 0) {
                return 21;
            }
            if (set != -Errno.EINTR) {
                return 22;
            }
            if (!got) {
                return 23;
            }
            return blocked == 0 ? 0 : 24;
        }, "20 TCGETS, 21 rt_sigaction, 22 the first TCSETS was not EINTR, 23 no SIGTTOU caught, 24 the blocked TCSETS failed");
    }

    private interface BackgroundWork {
        int run(int slave, SignalRecorder recorder);
    }

    /** Runs {@code work} in a background group of a session whose controlling terminal is a new pty's slave; its return is the exit status. */
    private static void inBackground(Check c, BackgroundWork work, String statuses) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        SignalRecorder rec = SignalRecorder.create(c);
        if (p == null || rec == null) {
            return;
        }
        int s = p[1];
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.setsid();
            if (Linux.ioctl(s, PseudoTerminals.TIOCSCTTY, 0) != 0) {
                Processes.childExit(10);
            }
            long child = Processes.fork();
            if (child == 0) {
                if (Linux.setpgid(0, 0) != 0) {
                    Processes.childExit(11);
                }
                Processes.childExit(work.run(s, rec));
            }
            if (child < 0) {
                Processes.childExit(12);
            }
            long status = Processes.waitFor(child);
            Processes.childExit((status & 0x7f) != 0 ? 13 : (int) (status >> 8));
        }
        if (c.succeeded(pid, "clone")) {
            c.equal(0, Processes.waitFor(pid) >> 8, "the exit status (10 TIOCSCTTY, 11 setpgid, 12 fork, 13 killed; " + statuses + ")");
        }
        Linux.close(p[0]);
        Linux.close(p[1]);
    }
}
