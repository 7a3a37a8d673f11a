package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Flock;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Timespec;

import static lichen.usertest.sys.Fcntl.AT_FDCWD;
import static lichen.usertest.sys.Flock.F_GETLK;
import static lichen.usertest.sys.Flock.F_RDLCK;
import static lichen.usertest.sys.Flock.F_SETLK;
import static lichen.usertest.sys.Flock.F_SETLKW;
import static lichen.usertest.sys.Flock.F_UNLCK;
import static lichen.usertest.sys.Flock.F_WRLCK;

/**
 * Advisory locks: fcntl(2)'s record locks (POSIX, owned by the process; OFD,
 * owned by the open file description) and flock(2). A lock only shows
 * against another owner, so most tests ask a forked child.
 */
public final class LockTests {
    private LockTests() {}

    public static void register(TestList list) {
        list.add("fcntl_setlk_conflicts_with_another_process", LockTests::conflictAcrossProcesses);
        list.add("fcntl_getlk_own_lock_reads_unlocked", LockTests::ownLockUnlocked);
        list.add("fcntl_unlock_middle_splits_lock", LockTests::unlockSplits);
        list.add("fcntl_close_any_descriptor_drops_posix_locks", LockTests::closeDropsPosixLocks);
        list.add("fcntl_setlkw_waits_for_unlock", LockTests::setlkwWaits);
        list.add("fcntl_setlkw_deadlock_edeadlk", LockTests::deadlock);
        list.add("fcntl_ofd_locks_belong_to_description", LockTests::ofdLocks);
        list.add("fcntl_lock_errors", LockTests::lockErrors);
        list.add("flock_exclusive_and_shared", LockTests::flockModes);
        list.add("flock_kept_until_last_close", LockTests::flockLastClose);
        list.add("flock_independent_of_fcntl_locks", LockTests::flockIndependent);
    }

    /** A fresh 100-byte file in the scratch directory, open for reading and writing; its fd or -1. */
    private static int open(Check c, String name) {
        return Files.createOpen(c, c.path(name), Bytes.pattern(100, 1));
    }

    private static int reopen(Check c, String name, int flags) {
        return Files.open(c, c.path(name), flags);
    }

    /** What F_GETLK answers to a forked child (whose locks are its own) for a lock of {@code type} over [start, start+len): type, start, len, pid. */
    private static long[] childGetlk(Check c, int fd, int type, long start, long len) {
        return Processes.answersFromChild(c, 5, () -> {
            byte[] fl = Flock.of(type, start, len);
            long r = Linux.fcntl(fd, F_GETLK, fl);
            return new long[] {r, Flock.type(fl), Flock.start(fl), Flock.len(fl), Flock.pid(fl)};
        });
    }

    /** What F_SETLK answers to a forked child trying a lock of {@code type} over [start, start+len). */
    private static long childSetlk(Check c, int fd, int type, long start, long len) {
        long[] a = Processes.answersFromChild(c, 1, () -> new long[] {Linux.fcntl(fd, F_SETLK, Flock.of(type, start, len))});
        return a == null ? Long.MIN_VALUE : a[0];
    }

    private static void conflictAcrossProcesses(Check c) {
        int fd = open(c, "f");
        if (fd < 0) {
            return;
        }
        if (c.returned(0, Linux.fcntl(fd, F_SETLK, Flock.of(F_WRLCK, 0, 10)), "F_SETLK a write lock on [0, 10)")) {
            c.fails(Errno.EAGAIN, childSetlk(c, fd, F_RDLCK, 5, 1), "another process's read lock inside it");
            c.returned(0, childSetlk(c, fd, F_WRLCK, 10, 10), "another process's lock just after it");
            long[] got = childGetlk(c, fd, F_RDLCK, 3, 2);
            if (got != null) {
                c.returned(0, got[0], "F_GETLK");
                c.equal(F_WRLCK, got[1], "l_type of the lock in the way");
                c.equal(0, got[2], "its l_start");
                c.equal(10, got[3], "its l_len");
                c.equal(Linux.getpid(), got[4], "its l_pid: the holder");
            }
        }
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void ownLockUnlocked(Check c) {
        int fd = open(c, "f");
        if (fd < 0) {
            return;
        }
        c.returned(0, Linux.fcntl(fd, F_SETLK, Flock.of(F_WRLCK, 0, 0)), "F_SETLK the whole file");
        byte[] fl = Flock.of(F_WRLCK, 4, 8);
        c.returned(0, Linux.fcntl(fd, F_GETLK, fl), "F_GETLK by the holder");
        c.equal(F_UNLCK, Flock.type(fl), "a process never conflicts with its own lock");
        c.equal(4, Flock.start(fl), "l_start left as given");
        c.equal(8, Flock.len(fl), "l_len left as given");
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void unlockSplits(Check c) {
        int fd = open(c, "f");
        if (fd < 0) {
            return;
        }
        c.returned(0, Linux.fcntl(fd, F_SETLK, Flock.of(F_WRLCK, 0, 100)), "lock [0, 100)");
        c.returned(0, Linux.fcntl(fd, F_SETLK, Flock.of(F_UNLCK, 40, 20)), "unlock [40, 60)");
        long[] hole = childGetlk(c, fd, F_WRLCK, 40, 20);
        if (hole != null) {
            c.equal(F_UNLCK, hole[1], "the unlocked middle is free");
        }
        long[] left = childGetlk(c, fd, F_WRLCK, 0, 100);
        if (left != null) {
            c.equal(0, left[2], "the first piece starts at 0");
            c.equal(40, left[3], "and is 40 bytes");
        }
        long[] right = childGetlk(c, fd, F_WRLCK, 50, 0);
        if (right != null) {
            c.equal(60, right[2], "the second piece starts at 60");
            c.equal(40, right[3], "and is 40 bytes");
        }
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void closeDropsPosixLocks(Check c) {
        int fd = open(c, "f");
        if (fd < 0) {
            return;
        }
        c.returned(0, Linux.fcntl(fd, F_SETLK, Flock.of(F_WRLCK, 0, 0)), "lock the file through one descriptor");
        int other = reopen(c, "f", Fcntl.O_RDONLY);
        if (other >= 0) {
            c.fails(Errno.EAGAIN, childSetlk(c, fd, F_WRLCK, 0, 1), "still locked while both are open");
            Linux.close(other);
            c.returned(0, childSetlk(c, fd, F_WRLCK, 0, 1), "closing any descriptor of the file dropped the lock");
        }
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void sleepMillis(long ms) {
        LinuxSystem.nanosleep(Timespec.ofNanos(ms * 1_000_000L).encode(), null);
    }

    private static void setlkwWaits(Check c) {
        int fd = open(c, "f");
        int[] p = Pipes.open(c);
        if (fd < 0 || p == null) {
            return;
        }
        int[] ready = Pipes.open(c);
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.fcntl(fd, F_SETLK, Flock.of(F_WRLCK, 0, 0));
            Linux.write(ready[1], new byte[1], 0, 1);
            sleepMillis(100);
            Linux.write(p[1], new byte[] {'u'}, 0, 1); // said before the lock goes, so the parent finds it after its wait
            Processes.childExit(0);                      // exit closes the file: the lock goes
        }
        byte[] b = new byte[1];
        Linux.read(ready[0], b, 0, 1);
        c.fails(Errno.EAGAIN, Linux.fcntl(fd, F_SETLK, Flock.of(F_WRLCK, 0, 1)), "F_SETLK while the child holds it");
        c.returned(0, Linux.fcntl(fd, F_SETLKW, Flock.of(F_WRLCK, 0, 1)), "F_SETLKW");
        Linux.fcntl(p[0], Fcntl.F_SETFL, Fcntl.O_NONBLOCK);
        c.returned(1, Linux.read(p[0], b, 0, 1), "the child's word, written before it let go, is there");
        c.equal(0, Processes.waitFor(pid), "the child's wait status");
        Pipes.close(p);
        Pipes.close(ready);
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void deadlock(Check c) {
        int fd = open(c, "f");
        int[] ready = Pipes.open(c);
        if (fd < 0 || ready == null) {
            return;
        }
        c.returned(0, Linux.fcntl(fd, F_SETLK, Flock.of(F_WRLCK, 0, 1)), "the parent locks byte 0");
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.fcntl(fd, F_SETLK, Flock.of(F_WRLCK, 1, 1));
            Linux.write(ready[1], new byte[1], 0, 1);
            long r = Linux.fcntl(fd, F_SETLKW, Flock.of(F_WRLCK, 0, 1)); // waits for the parent
            Processes.childExit(r == 0 ? 0 : 1);
        }
        byte[] b = new byte[1];
        Linux.read(ready[0], b, 0, 1);
        sleepMillis(100); // the child is asleep in F_SETLKW by now
        c.fails(Errno.EDEADLK, Linux.fcntl(fd, F_SETLKW, Flock.of(F_WRLCK, 1, 1)), "waiting for the child that waits for us");
        c.returned(0, Linux.fcntl(fd, F_SETLK, Flock.of(F_UNLCK, 0, 1)), "the parent lets byte 0 go");
        c.equal(0, Processes.waitFor(pid), "the child got its lock and exited 0");
        Pipes.close(ready);
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void ofdLocks(Check c) {
        int a = open(c, "f");
        int b = reopen(c, "f", Fcntl.O_RDWR);
        if (a < 0 || b < 0) {
            return;
        }
        c.returned(0, Linux.fcntl(a, Flock.F_OFD_SETLK, Flock.of(F_WRLCK, 0, 10)), "F_OFD_SETLK through one description");
        c.fails(Errno.EAGAIN, Linux.fcntl(b, Flock.F_OFD_SETLK, Flock.of(F_RDLCK, 5, 1)),
                "the same process through another description conflicts");
        byte[] fl = Flock.of(F_RDLCK, 0, 1);
        c.returned(0, Linux.fcntl(b, Flock.F_OFD_GETLK, fl), "F_OFD_GETLK");
        c.equal(F_WRLCK, Flock.type(fl), "l_type of the lock in the way");
        c.equal(-1, Flock.pid(fl), "an OFD lock's l_pid is -1");
        int dup = (int) Linux.dup3(a, a + 20, 0);
        c.returned(0, Linux.fcntl(dup, Flock.F_OFD_SETLK, Flock.of(F_WRLCK, 0, 1)), "a dup of the description is the owner too");
        byte[] withPid = Flock.of(F_RDLCK, 0, 1);
        Flock.setPid(withPid, 1);
        c.fails(Errno.EINVAL, Linux.fcntl(b, Flock.F_OFD_SETLK, withPid), "l_pid not 0");
        Linux.close(dup);
        Linux.close(a);
        c.returned(0, Linux.fcntl(b, Flock.F_OFD_SETLK, Flock.of(F_WRLCK, 0, 10)), "the last close of the description dropped its lock");
        Linux.close(b);
        Files.unlink(c, c.path("f"));
    }

    private static void lockErrors(Check c) {
        int fd = open(c, "f");
        int ro = reopen(c, "f", Fcntl.O_RDONLY);
        int wo = reopen(c, "f", Fcntl.O_WRONLY);
        if (fd < 0 || ro < 0 || wo < 0) {
            return;
        }
        c.fails(Errno.EINVAL, Linux.fcntl(fd, F_SETLK, Flock.of(7, 0, 1)), "an l_type that is no lock");
        c.fails(Errno.EINVAL, Linux.fcntl(fd, F_SETLK, Flock.of(F_RDLCK, 9, 0, 1)), "an l_whence that is no whence");
        c.fails(Errno.EINVAL, Linux.fcntl(fd, F_SETLK, Flock.of(F_RDLCK, -1, 1)), "a range before the start of the file");
        c.fails(Errno.EINVAL, Linux.fcntl(fd, F_GETLK, Flock.of(F_UNLCK, 0, 1)), "F_GETLK for F_UNLCK");
        c.fails(Errno.EBADF, Linux.fcntl(wo, F_SETLK, Flock.of(F_RDLCK, 0, 1)), "a read lock through a write-only descriptor");
        c.fails(Errno.EBADF, Linux.fcntl(ro, F_SETLK, Flock.of(F_WRLCK, 0, 1)), "a write lock through a read-only descriptor");
        c.fails(Errno.EFAULT, Linux.fcntl(fd, F_SETLK, 8L), "a struct flock at a bad address");
        c.returned(0, Linux.fcntl(fd, F_SETLK, Flock.of(F_RDLCK, Fcntl.SEEK_END, -10, 10)), "a negative l_len counts back from l_start");
        long[] got = childGetlk(c, fd, F_WRLCK, 0, 0);
        if (got != null) {
            c.equal(90, got[2], "the lock starts 10 before the end");
            c.equal(10, got[3], "and is 10 bytes");
        }
        Linux.close(wo);
        Linux.close(ro);
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void flockModes(Check c) {
        int a = open(c, "f");
        int b = reopen(c, "f", Fcntl.O_RDONLY);
        if (a < 0 || b < 0) {
            return;
        }
        c.returned(0, Linux.flock(a, Flock.LOCK_EX), "LOCK_EX");
        c.fails(Errno.EAGAIN, Linux.flock(b, Flock.LOCK_SH | Flock.LOCK_NB), "LOCK_SH through another description (EWOULDBLOCK)");
        c.returned(0, Linux.flock(a, Flock.LOCK_SH), "the holder turns its lock shared");
        c.returned(0, Linux.flock(b, Flock.LOCK_SH | Flock.LOCK_NB), "another shared lock");
        c.fails(Errno.EAGAIN, Linux.flock(a, Flock.LOCK_EX | Flock.LOCK_NB), "LOCK_EX while another shares it");
        c.returned(0, Linux.flock(b, Flock.LOCK_UN), "LOCK_UN");
        c.returned(0, Linux.flock(a, Flock.LOCK_EX | Flock.LOCK_NB), "LOCK_EX once alone");
        c.fails(Errno.EINVAL, Linux.flock(a, 0), "no operation");
        c.fails(Errno.EINVAL, Linux.flock(a, Flock.LOCK_SH | Flock.LOCK_EX), "two operations");
        c.fails(Errno.EBADF, Linux.flock(999, Flock.LOCK_SH), "a closed descriptor");
        Linux.close(b);
        Linux.close(a);
        Files.unlink(c, c.path("f"));
    }

    private static void flockLastClose(Check c) {
        int a = open(c, "f");
        int b = reopen(c, "f", Fcntl.O_RDONLY);
        if (a < 0 || b < 0) {
            return;
        }
        c.returned(0, Linux.flock(a, Flock.LOCK_EX), "LOCK_EX");
        long dup = Linux.dup3(a, a + 20, 0);
        Linux.close(a);
        c.fails(Errno.EAGAIN, Linux.flock(b, Flock.LOCK_EX | Flock.LOCK_NB), "held while a dup of the description is open");
        long[] child = Processes.answersFromChild(c, 1, () -> new long[] {Linux.flock((int) dup, Flock.LOCK_EX | Flock.LOCK_NB)});
        if (child != null) {
            c.returned(0, child[0], "a forked child shares the description, and so the lock");
        }
        Linux.close((int) dup);
        c.returned(0, Linux.flock(b, Flock.LOCK_EX | Flock.LOCK_NB), "free after the last close");
        Linux.close(b);
        Files.unlink(c, c.path("f"));
    }

    private static void flockIndependent(Check c) {
        int a = open(c, "f");
        if (a < 0) {
            return;
        }
        c.returned(0, Linux.flock(a, Flock.LOCK_EX), "flock LOCK_EX");
        c.returned(0, childSetlk(c, a, F_WRLCK, 0, 0), "another process's fcntl write lock does not see it");
        Linux.close(a);
        Files.unlink(c, c.path("f"));
    }
}
