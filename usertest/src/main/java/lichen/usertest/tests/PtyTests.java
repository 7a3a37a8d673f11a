package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.PseudoTerminals;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Stat;

/**
 * Pseudo-terminal pairs (man 7 pty, man 4 pts): /dev/ptmx, unlockpt and
 * ptsname, data both ways through the slave's line discipline and output
 * processing, the master's ^C, and what each side sees when the other
 * closes. The test's own process opens with O_NOCTTY and never gets a
 * controlling terminal; children that need one make their own session.
 */
public final class PtyTests {
    private PtyTests() {}

    private static final int IN = PseudoTerminals.POLLIN, OUT = PseudoTerminals.POLLOUT, ERR = PseudoTerminals.POLLERR,
            HUP = PseudoTerminals.POLLHUP;

    public static void register(TestList list) {
        list.add("pty_ptmx_unlockpt_ptsname_opens_slave", PtyTests::openPair);
        list.add("pty_slave_output_onlcr_reaches_master", PtyTests::slaveToMaster);
        list.add("pty_master_input_canonical_line_and_echo", PtyTests::masterToSlave);
        list.add("pty_master_ctrl_c_sigint_to_foreground_group", PtyTests::interrupt);
        list.add("pty_slave_eof_and_eio_after_master_close", PtyTests::masterCloses);
        list.add("pty_master_eio_after_slave_close_and_data", PtyTests::slaveCloses);
        list.add("pty_poll_readiness_both_ways", PtyTests::readiness);
        list.add("pty_master_write_waits_while_slave_input_is_full", PtyTests::masterWaitsForRoom);
        list.add("pty_master_close_sighup_to_session_leader", PtyTests::hangupSignal);
    }

    private static void closeBoth(int[] pair) {
        Linux.close(pair[0]);
        Linux.close(pair[1]);
    }

    /**
     * posix_openpt, grantpt, unlockpt, ptsname (man 3): the slave /dev/pts/N
     * cannot be opened while locked (EIO); unlocked, it is a character device
     * 136:N owned by the opener, not open to others (devpts's mode=, 0600 or
     * 0620). TIOCGPTN is the master's alone (ENOTTY on the slave).
     */
    private static void openPair(Check c) {
        int m = PseudoTerminals.openMaster(c);
        if (m < 0) {
            return;
        }
        long n = PseudoTerminals.index(m);
        if (c.succeeded(n, "TIOCGPTN")) {
            String name = PseudoTerminals.slaveName(m);
            long locked = Linux.openat(Fcntl.AT_FDCWD, name, Fcntl.O_RDWR | Fcntl.O_NOCTTY, 0);
            c.fails(Errno.EIO, locked, "open of the slave while it is locked");
            if (locked >= 0) {
                Linux.close((int) locked);
            }
            c.returned(0, PseudoTerminals.setLock(m, 0), "TIOCSPTLCK 0");
            long s = Linux.openat(Fcntl.AT_FDCWD, name, Fcntl.O_RDWR | Fcntl.O_NOCTTY, 0);
            if (c.succeeded(s, "open(" + name + ") after unlockpt")) {
                Stat st = Files.stat(c, name, 0);
                if (st != null) {
                    c.equal(0020000, st.mode() & 0170000, "the slave is a character device");
                    c.equal(136, (st.rdev() >> 8) & 0xfff, "the slave's major number (Unix98 pty slaves)");
                    c.equal(n, (st.rdev() & 0xff) | ((st.rdev() >> 12) & ~0xffL), "the slave's minor number is TIOCGPTN's N");
                    c.equal(Linux.geteuid(), st.uid(), "the slave's owner is the opener of /dev/ptmx");
                    c.equal(0600, st.mode() & 0707, "owner read-write, nothing for others");
                }
                int[] out = new int[1];
                c.fails(Errno.ENOTTY, Linux.ioctl((int) s, PseudoTerminals.TIOCGPTN, out), "TIOCGPTN on the slave");
                Linux.close((int) s);
            }
        }
        Linux.close(m);
    }

    /** What the slave's programs write reaches the master after output processing: ONLCR sends NL as CR NL. */
    private static void slaveToMaster(Check c) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        if (p == null) {
            return;
        }
        c.returned(5, PseudoTerminals.write(p[1], "one\nt"), "write to the slave");
        c.equal("one\r\nt", PseudoTerminals.readText(p[0], 6), "what the master reads");
        closeBoth(p);
    }

    /**
     * What the master writes is typed at the slave: in canonical mode the
     * slave reads nothing until the line ends, then the whole line; the echo
     * comes back to the master ("hi" then CR NL for the newline).
     */
    private static void masterToSlave(Check c) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        if (p == null) {
            return;
        }
        c.returned(2, PseudoTerminals.write(p[0], "hi"), "write to the master");
        c.equal("hi", PseudoTerminals.readText(p[0], 2), "the echo of the unfinished line");
        c.equal(OUT, PseudoTerminals.poll(p[1]), "the slave's poll: no whole line yet");
        int[] n = new int[1];
        c.returned(0, Linux.ioctl(p[1], PseudoTerminals.FIONREAD, n), "FIONREAD on the slave");
        c.equal(0, n[0], "FIONREAD before the line ends");
        c.returned(3, PseudoTerminals.write(p[0], " x\n"), "write the rest of the line");
        c.equal(" x\r\n", PseudoTerminals.readText(p[0], 4), "the echo of the rest, NL as CR NL");
        c.equal("hi x\n", PseudoTerminals.readText(p[1], 5), "the line the slave reads");
        closeBoth(p);
    }

    /**
     * ^C written to the master is the slave's VINTR: SIGINT to the slave's
     * foreground process group, and "^C" echoed (ECHOCTL). The child leads a
     * new session whose controlling terminal is the slave, SIGINT blocked so
     * it stays pending.
     */
    private static void interrupt(Check c) {
        int m = PseudoTerminals.openMaster(c);
        int[] ready = Pipes.open(c);
        if (m < 0 || ready == null || !c.returned(0, PseudoTerminals.setLock(m, 0), "unlockpt")) {
            return;
        }
        String name = PseudoTerminals.slaveName(m);
        long pid = Processes.fork();
        if (pid == 0) {
            PseudoTerminals.block(Signals.bit(Signals.SIGINT));
            if (Linux.setsid() < 0) {
                Processes.childExit(10);
            }
            long s = Linux.openat(Fcntl.AT_FDCWD, name, Fcntl.O_RDWR, 0);  // a session leader acquires it
            if (s < 0) {
                Processes.childExit(11);
            }
            Linux.write(ready[1], new byte[1], 0, 1);
            Processes.childExit(PseudoTerminals.pendingSoon(Signals.SIGINT) ? 0 : 12);
        }
        Linux.close(ready[1]);
        byte[] b = new byte[1];
        if (c.succeeded(pid, "clone") && c.returned(1, Files.readFully(ready[0], b, 1), "the child's ready byte")) {
            c.returned(1, PseudoTerminals.write(m, "\003"), "write ^C to the master");
            c.equal("^C", PseudoTerminals.readText(m, 2), "the echo of ^C");
            c.equal(0, Processes.waitFor(pid), "the child's status (10 setsid, 11 open, 12 no SIGINT pending)");
        } else if (pid > 0) {
            Processes.waitFor(pid);
        }
        Linux.close(ready[0]);
        Linux.close(m);
    }

    /**
     * The master's close hangs the slave up (tty_vhangup): reads see end of
     * file, writes and terminal requests fail with EIO, and poll says
     * everything at once (POLLIN, POLLOUT, POLLERR, POLLHUP).
     */
    private static void masterCloses(Check c) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        if (p == null) {
            return;
        }
        Linux.close(p[0]);
        byte[] b = new byte[8];
        c.returned(0, Linux.read(p[1], b, 0, b.length), "read of the slave after the master closed");
        c.fails(Errno.EIO, PseudoTerminals.write(p[1], "x"), "write to the slave after the master closed");
        c.fails(Errno.EIO, Linux.ioctl(p[1], PseudoTerminals.TCGETS, Linux.address(new byte[60])), "TCGETS on the hung-up slave");
        c.equal(IN | OUT | ERR | HUP, PseudoTerminals.poll(p[1]), "poll of the hung-up slave");
        Linux.close(p[1]);
    }

    /**
     * The slave's last close: the master still reads what was written, then
     * EIO; poll says POLLHUP throughout, and a write to the master still goes.
     */
    private static void slaveCloses(Check c) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        if (p == null) {
            return;
        }
        c.returned(3, PseudoTerminals.write(p[1], "ab\n"), "write to the slave");
        Linux.close(p[1]);
        c.equal(IN | OUT | HUP, PseudoTerminals.poll(p[0]), "poll of the master with data, slave closed");
        c.equal("ab\r\n", PseudoTerminals.readText(p[0], 4), "the data the master still reads");
        byte[] b = new byte[8];
        c.fails(Errno.EIO, Linux.read(p[0], b, 0, b.length), "read of the master once the data is gone");
        c.equal(OUT | HUP, PseudoTerminals.poll(p[0]), "poll of the drained master");
        c.returned(1, PseudoTerminals.write(p[0], "x"), "write to the master with no slave open");
        Linux.close(p[0]);
    }

    /**
     * poll(2) on both sides: a new pair is writable only; a partial line
     * makes neither side readable but the master (its echo); a whole line
     * makes the slave readable.
     */
    /**
     * Typed input the slave has not read is bounded: once a raw slave's input is full a
     * non-blocking write to the master is EAGAIN (n_tty's receive_room and the tty buffers'
     * limit on Linux), and once the slave reads, poll shows POLLOUT. (Whether POLLOUT is
     * absent meanwhile is not checked: Linux's buffer worker may free a little room at once.)
     */
    private static void masterWaitsForRoom(Check c) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        if (p == null) return;
        byte[] t = new byte[60];
        if (c.returned(0, Linux.ioctl(p[1], PseudoTerminals.TCGETS, Linux.address(t)), "TCGETS")) {
            int lflag = LittleEndian.u32(t, 12) & ~(ICANON | ECHO);
            LittleEndian.put32(t, 12, lflag);
            c.returned(0, Linux.ioctl(p[1], PseudoTerminals.TCSETS, Linux.address(t)), "TCSETS: raw, no echo");
        }
        c.returned(0, Linux.fcntl(p[0], Fcntl.F_SETFL, Fcntl.O_NONBLOCK), "O_NONBLOCK on the master");
        byte[] chunk = new byte[64 * 1024];
        long total = 0, r = 0;
        while (total < (64L << 20) && (r = Linux.write(p[0], chunk, 0, chunk.length)) > 0) total += r;
        c.fails(Errno.EAGAIN, r, "a non-blocking master write once the slave's input is full");
        c.isTrue(total >= 4095 && total <= (8L << 20), "the input taken before that is bounded: " + total + " bytes");
        byte[] in = new byte[4096];
        long got = Linux.read(p[1], in, 0, in.length);
        c.isTrue(got > 0, "the slave reads what was typed: " + got + " bytes");
        // Within a second: Linux moves typed input to the slave from a worker.
        c.isTrue((PseudoTerminals.poll(p[0], PseudoTerminals.POLLOUT, 1_000_000_000L) & PseudoTerminals.POLLOUT) != 0,
                "POLLOUT on the master once the slave has read");
        Linux.close(p[0]);
        Linux.close(p[1]);
    }

    private static final int ICANON = 2, ECHO = 8;

    private static void readiness(Check c) {
        int[] p = PseudoTerminals.open(c, Fcntl.O_NOCTTY);
        if (p == null) {
            return;
        }
        c.equal(OUT, PseudoTerminals.poll(p[0]), "a new master");
        c.equal(OUT, PseudoTerminals.poll(p[1]), "a new slave");
        PseudoTerminals.write(p[0], "x");
        c.equal(OUT, PseudoTerminals.poll(p[1]), "the slave with half a line typed");
        c.equal(IN | OUT, PseudoTerminals.poll(p[0]), "the master with the echo to read");
        PseudoTerminals.write(p[0], "\n");
        c.equal(IN | OUT, PseudoTerminals.poll(p[1]), "the slave with a whole line");
        c.equal("x\r\n", PseudoTerminals.readText(p[0], 3), "the echo");
        c.equal(OUT, PseudoTerminals.poll(p[0]), "the master with the echo read");
        c.equal("x\n", PseudoTerminals.readText(p[1], 2), "the line");
        c.equal(OUT, PseudoTerminals.poll(p[1]), "the slave with the line read");
        PseudoTerminals.write(p[1], "y");
        c.equal(IN | OUT, PseudoTerminals.poll(p[0]), "the master with the slave's output");
        closeBoth(p);
    }

    /**
     * The master's close sends SIGHUP (and SIGCONT) to the session leader
     * whose controlling terminal the slave is (tty_signal_session_leader).
     */
    private static void hangupSignal(Check c) {
        int m = PseudoTerminals.openMaster(c);
        int[] ready = Pipes.open(c);
        if (m < 0 || ready == null || !c.returned(0, PseudoTerminals.setLock(m, 0), "unlockpt")) {
            return;
        }
        String name = PseudoTerminals.slaveName(m);
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(m);
            PseudoTerminals.block(Signals.bit(Signals.SIGHUP) | Signals.bit(Signals.SIGCONT));
            if (Linux.setsid() < 0) {
                Processes.childExit(10);
            }
            long s = Linux.openat(Fcntl.AT_FDCWD, name, Fcntl.O_RDWR, 0);
            if (s < 0) {
                Processes.childExit(11);
            }
            Linux.write(ready[1], new byte[1], 0, 1);
            if (!PseudoTerminals.pendingSoon(Signals.SIGHUP)) {
                Processes.childExit(12);
            }
            Processes.childExit(PseudoTerminals.pendingSoon(Signals.SIGCONT) ? 0 : 13);
        }
        Linux.close(ready[1]);
        byte[] b = new byte[1];
        if (c.succeeded(pid, "clone") && c.returned(1, Files.readFully(ready[0], b, 1), "the child's ready byte")) {
            Linux.close(m);
            m = -1;
            c.equal(0, Processes.waitFor(pid), "the child's status (10 setsid, 11 open, 12 no SIGHUP, 13 no SIGCONT)");
        } else if (pid > 0) {
            Processes.waitFor(pid);
        }
        Linux.close(ready[0]);
        if (m >= 0) {
            Linux.close(m);
        }
    }
}
