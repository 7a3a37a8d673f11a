package lichen.usertest.sys;

import lichen.api.Syscall;
import lichen.api.Unsafe;

/**
 * The Linux system calls usertest makes on files, names, memory, processes,
 * signals and pipes, one method per call, named after it ({@link LinuxSystem}
 * has those on time and the system).
 * Each returns the kernel's raw result: a negative errno on failure
 * ({@link Errno}). Arguments are passed as the AArch64 ABI wants them (x0..x5,
 * number in x8). Paths are Java Strings made into NUL-terminated UTF-8; buffers
 * are byte arrays, passed by the address of an element (arrays never move).
 * Every call also has a form taking raw addresses, so tests can pass bad
 * pointers and check for EFAULT.
 *
 * <p>Array ranges are checked here: a bad offset or length is a bug in a
 * test, and panics with IndexOutOfBoundsException rather than handing the
 * kernel a pointer past the array.
 */
@Unsafe
public final class Linux {
    private Linux() {}

    // ---- addresses of Java arrays ----

    /** The address of {@code b[off]}, after checking that [off, off+len) lies in the array. */
    public static long address(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " of byte[" + b.length + "]");
        }
        return Syscall.addressOf(b) + off;
    }

    /** The address of element 0, or 0 (NULL) for a null array. */
    public static long address(byte[] b) {
        return b == null ? 0 : Syscall.addressOf(b);
    }

    public static long address(int[] a) {
        return a == null ? 0 : Syscall.addressOf(a);
    }

    public static long address(long[] a) {
        return a == null ? 0 : Syscall.addressOf(a);
    }

    // ---- files ----

    public static long openat(int dirfd, String path, int flags, int mode) {
        return openat(dirfd, Syscall.addressOf(CString.of(path)), flags, mode);
    }

    public static long openat(int dirfd, long path, int flags, int mode) {
        return Syscall.invoke(SyscallNumbers.OPENAT, dirfd, path, flags, mode);
    }

    public static long close(int fd) {
        return Syscall.invoke(SyscallNumbers.CLOSE, fd);
    }

    public static long read(int fd, byte[] buf, int off, int len) {
        return read(fd, address(buf, off, len), len);
    }

    public static long read(int fd, long buf, long count) {
        return Syscall.invoke(SyscallNumbers.READ, fd, buf, count);
    }

    public static long write(int fd, byte[] buf, int off, int len) {
        return write(fd, address(buf, off, len), len);
    }

    public static long write(int fd, long buf, long count) {
        return Syscall.invoke(SyscallNumbers.WRITE, fd, buf, count);
    }

    public static long pread64(int fd, byte[] buf, int off, int len, long pos) {
        return pread64(fd, address(buf, off, len), len, pos);
    }

    public static long pread64(int fd, long buf, long count, long pos) {
        return Syscall.invoke(SyscallNumbers.PREAD64, fd, buf, count, pos);
    }

    public static long pwrite64(int fd, byte[] buf, int off, int len, long pos) {
        return pwrite64(fd, address(buf, off, len), len, pos);
    }

    public static long pwrite64(int fd, long buf, long count, long pos) {
        return Syscall.invoke(SyscallNumbers.PWRITE64, fd, buf, count, pos);
    }

    public static long lseek(int fd, long offset, int whence) {
        return Syscall.invoke(SyscallNumbers.LSEEK, fd, offset, whence);
    }

    public static long ftruncate(int fd, long length) {
        return Syscall.invoke(SyscallNumbers.FTRUNCATE, fd, length);
    }

    public static long fsync(int fd) {
        return Syscall.invoke(SyscallNumbers.FSYNC, fd);
    }

    public static long dup3(int oldfd, int newfd, int flags) {
        return Syscall.invoke(SyscallNumbers.DUP3, oldfd, newfd, flags);
    }

    /** ioctl(2) with an int-sized result written to {@code out[0]} (FIONREAD and the like). */
    public static long ioctl(int fd, int cmd, int[] out) {
        return ioctl(fd, cmd, address(out));
    }

    public static long ioctl(int fd, int cmd, long arg) {
        return Syscall.invoke(SyscallNumbers.IOCTL, fd, cmd, arg);
    }

    /** fcntl(2) with a struct flock ({@link Flock}) for the lock commands. */
    public static long fcntl(int fd, int cmd, byte[] flock) {
        return fcntl(fd, cmd, address(flock, 0, Flock.SIZE));
    }

    public static long flock(int fd, int operation) {
        return Syscall.invoke(SyscallNumbers.FLOCK, fd, operation);
    }

    /** readv(2) and the others below take the address of an iovec array ({@link Iovec}). */
    public static long readv(int fd, long iov, int iovcnt) {
        return Syscall.invoke(SyscallNumbers.READV, fd, iov, iovcnt);
    }

    public static long writev(int fd, long iov, int iovcnt) {
        return Syscall.invoke(SyscallNumbers.WRITEV, fd, iov, iovcnt);
    }

    /** preadv(2): a 64-bit kernel takes the whole offset from pos_l and ignores pos_h. */
    public static long preadv(int fd, long iov, int iovcnt, long pos) {
        return Syscall.invoke(SyscallNumbers.PREADV, fd, iov, iovcnt, pos, 0);
    }

    public static long pwritev(int fd, long iov, int iovcnt, long pos) {
        return Syscall.invoke(SyscallNumbers.PWRITEV, fd, iov, iovcnt, pos, 0);
    }

    public static long preadv2(int fd, long iov, int iovcnt, long pos, int flags) {
        return Syscall.invoke(SyscallNumbers.PREADV2, fd, iov, iovcnt, pos, 0, flags);
    }

    public static long pwritev2(int fd, long iov, int iovcnt, long pos, int flags) {
        return Syscall.invoke(SyscallNumbers.PWRITEV2, fd, iov, iovcnt, pos, 0, flags);
    }

    public static long fcntl(int fd, int cmd, long arg) {
        return Syscall.invoke(SyscallNumbers.FCNTL, fd, cmd, arg);
    }

    /** {@code statbuf} must hold {@link Stat#SIZE} bytes. */
    public static long fstat(int fd, byte[] statbuf) {
        return fstat(fd, address(statbuf, 0, Stat.SIZE));
    }

    public static long fstat(int fd, long statbuf) {
        return Syscall.invoke(SyscallNumbers.FSTAT, fd, statbuf);
    }

    public static long newfstatat(int dirfd, String path, byte[] statbuf, int flags) {
        return newfstatat(dirfd, Syscall.addressOf(CString.of(path)), address(statbuf, 0, Stat.SIZE), flags);
    }

    public static long newfstatat(int dirfd, long path, long statbuf, int flags) {
        return Syscall.invoke(SyscallNumbers.NEWFSTATAT, dirfd, path, statbuf, flags);
    }

    public static long getdents64(int fd, byte[] buf, int len) {
        return getdents64(fd, address(buf, 0, len), len);
    }

    public static long getdents64(int fd, long buf, long len) {
        return Syscall.invoke(SyscallNumbers.GETDENTS64, fd, buf, len);
    }

    // ---- names ----

    public static long unlinkat(int dirfd, String path, int flags) {
        return Syscall.invoke(SyscallNumbers.UNLINKAT, dirfd, Syscall.addressOf(CString.of(path)), flags);
    }

    public static long mknodat(int dirfd, String path, int mode, int dev) {
        return Syscall.invoke(SyscallNumbers.MKNODAT, dirfd, Syscall.addressOf(CString.of(path)), mode, dev);
    }

    public static long mkdirat(int dirfd, String path, int mode) {
        return mkdirat(dirfd, Syscall.addressOf(CString.of(path)), mode);
    }

    public static long mkdirat(int dirfd, long path, int mode) {
        return Syscall.invoke(SyscallNumbers.MKDIRAT, dirfd, path, mode);
    }

    public static long renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags) {
        return Syscall.invoke(SyscallNumbers.RENAMEAT2, olddirfd, Syscall.addressOf(CString.of(oldpath)),
                              newdirfd, Syscall.addressOf(CString.of(newpath)), flags);
    }

    public static long readlinkat(int dirfd, String path, byte[] buf, int len) {
        return readlinkat(dirfd, path, address(buf, 0, len), len);
    }

    public static long readlinkat(int dirfd, String path, long buf, long len) {
        return Syscall.invoke(SyscallNumbers.READLINKAT, dirfd, Syscall.addressOf(CString.of(path)), buf, len);
    }

    public static long symlinkat(String target, int newdirfd, String linkpath) {
        return Syscall.invoke(SyscallNumbers.SYMLINKAT, Syscall.addressOf(CString.of(target)), newdirfd,
                              Syscall.addressOf(CString.of(linkpath)));
    }

    /** fchmodat(2) has no flags argument in the kernel (that is fchmodat2). */
    public static long fchmodat(int dirfd, String path, int mode) {
        return Syscall.invoke(SyscallNumbers.FCHMODAT, dirfd, Syscall.addressOf(CString.of(path)), mode);
    }

    public static long getcwd(byte[] buf, int len) {
        return Syscall.invoke(SyscallNumbers.GETCWD, address(buf, 0, len), len);
    }

    public static long chroot(String path) {
        return Syscall.invoke(SyscallNumbers.CHROOT, Syscall.addressOf(CString.of(path)));
    }

    public static long chroot(long path) {
        return Syscall.invoke(SyscallNumbers.CHROOT, path);
    }

    public static long chdir(String path) {
        return Syscall.invoke(SyscallNumbers.CHDIR, Syscall.addressOf(CString.of(path)));
    }

    // ---- memory ----

    /** The raw brk: returns the new break, or the old one when the request is refused. */
    public static long brk(long addr) {
        return Syscall.invoke(SyscallNumbers.BRK, addr);
    }

    public static long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        return Syscall.invoke(SyscallNumbers.MMAP, addr, length, prot, flags, fd, offset);
    }

    public static long munmap(long addr, long length) {
        return Syscall.invoke(SyscallNumbers.MUNMAP, addr, length);
    }

    public static long msync(long addr, long length, int flags) {
        return Syscall.invoke(SyscallNumbers.MSYNC, addr, length, flags);
    }

    public static long mprotect(long addr, long length, int prot) {
        return Syscall.invoke(SyscallNumbers.MPROTECT, addr, length, prot);
    }

    /** mremap(2); {@code newAddress} counts only with MREMAP_FIXED. */
    public static long mremap(long addr, long oldSize, long newSize, int flags, long newAddress) {
        return Syscall.invoke(SyscallNumbers.MREMAP, addr, oldSize, newSize, flags, newAddress);
    }

    public static long madvise(long addr, long length, int advice) {
        return Syscall.invoke(SyscallNumbers.MADVISE, addr, length, advice);
    }

    // ---- processes ----

    public static long getpid() {
        return Syscall.invoke(SyscallNumbers.GETPID);
    }

    public static long getppid() {
        return Syscall.invoke(SyscallNumbers.GETPPID);
    }

    public static long gettid() {
        return Syscall.invoke(SyscallNumbers.GETTID);
    }

    public static long getuid() {
        return Syscall.invoke(SyscallNumbers.GETUID);
    }

    public static long geteuid() {
        return Syscall.invoke(SyscallNumbers.GETEUID);
    }

    public static long getgid() {
        return Syscall.invoke(SyscallNumbers.GETGID);
    }

    public static long getegid() {
        return Syscall.invoke(SyscallNumbers.GETEGID);
    }

    /** {@code ids} receives the real, effective and saved ids (three 32-bit values). */
    public static long getresuid(int[] ids) {
        return Syscall.invoke(SyscallNumbers.GETRESUID, address(ids), address(ids) + 4, address(ids) + 8);
    }

    public static long getresgid(int[] ids) {
        return Syscall.invoke(SyscallNumbers.GETRESGID, address(ids), address(ids) + 4, address(ids) + 8);
    }

    /** -1 leaves an id as it is. */
    public static long setresuid(long ruid, long euid, long suid) {
        return Syscall.invoke(SyscallNumbers.SETRESUID, ruid, euid, suid);
    }

    public static long setuid(long uid) {
        return Syscall.invoke(SyscallNumbers.SETUID, uid);
    }

    public static long setgid(long gid) {
        return Syscall.invoke(SyscallNumbers.SETGID, gid);
    }

    /** {@code list} receives up to {@code size} 32-bit group ids; size 0 only counts them. */
    public static long getgroups(int size, int[] list) {
        if (list != null && size > list.length) {
            throw new IndexOutOfBoundsException("getgroups: " + size + " into int[" + list.length + "]");
        }
        return Syscall.invoke(SyscallNumbers.GETGROUPS, size, address(list));
    }

    public static long getpgid(long pid) {
        return Syscall.invoke(SyscallNumbers.GETPGID, pid);
    }

    public static long setpgid(long pid, long pgid) {
        return Syscall.invoke(SyscallNumbers.SETPGID, pid, pgid);
    }

    public static long getsid(long pid) {
        return Syscall.invoke(SyscallNumbers.GETSID, pid);
    }

    public static long setsid() {
        return Syscall.invoke(SyscallNumbers.SETSID);
    }

    public static long set_robust_list(long head, long len) {
        return Syscall.invoke(SyscallNumbers.SET_ROBUST_LIST, head, len);
    }

    /** {@code head} and {@code len} each receive one 64-bit value. */
    public static long get_robust_list(long pid, long[] head, long[] len) {
        return Syscall.invoke(SyscallNumbers.GET_ROBUST_LIST, pid, address(head), address(len));
    }

    public static long set_tid_address(long tidptr) {
        return Syscall.invoke(SyscallNumbers.SET_TID_ADDRESS, tidptr);
    }

    /**
     * clone in its fork form: {@code flags} (SIGCHLD for fork), no new stack,
     * no TID pointers, no TLS. AArch64 uses the generic argument order
     * (flags, newsp, parent_tidptr, tls, child_tidptr). 0 in the child.
     */
    public static long clone(long flags) {
        return Syscall.invoke(SyscallNumbers.CLONE, flags, 0, 0, 0, 0);
    }

    /**
     * vfork(2) as clone(CLONE_VM | CLONE_VFORK | SIGCHLD), whose child runs only
     * system calls on registers, never touching the stack it shares with the
     * parent: it stores CLOCK_REALTIME at {@code stamp} (memory the parent
     * sees, the address space being shared), execve(path, argv, envp) when
     * {@code path} is not 0, and exit_group(status) if that returns or was not
     * asked. The child never returns from here, so no frame of the parent's
     * is overwritten. The parent resumes when the child has exec'd or
     * exited: the child's pid, or a negative errno.
     */
    public static long vforkThen(long stamp, long path, long argv, long envp, int status) {
        long pid = Syscall.invoke(SyscallNumbers.CLONE, Signals.CLONE_VM | Signals.CLONE_VFORK | Signals.SIGCHLD, 0, 0, 0, 0);
        if (pid == 0) {
            Syscall.invoke(SyscallNumbers.CLOCK_GETTIME, Clocks.CLOCK_REALTIME, stamp);
            if (path != 0) {
                Syscall.invoke(SyscallNumbers.EXECVE, path, argv, envp);
            }
            while (true) {
                Syscall.invoke(SyscallNumbers.EXIT_GROUP, status);
            }
        }
        return pid;
    }

    /**
     * clone3(2) with a struct clone_args of {@code size} bytes (the first
     * 64, CLONE_ARGS_SIZE_VER0: flags, pidfd, child_tid, parent_tid,
     * exit_signal, stack, stack_size, tls), no stack of its own: 0 in the child.
     */
    public static long clone3(long[] args, int size) {
        if (size > args.length * 8) {
            throw new IndexOutOfBoundsException("clone3: " + size + " bytes of long[" + args.length + "]");
        }
        return Syscall.invoke(SyscallNumbers.CLONE3, address(args), size);
    }

    public static long execveat(int dirfd, String path, String[] argv, String[] envp, int flags) {
        return Syscall.invoke(SyscallNumbers.EXECVEAT, dirfd, Syscall.addressOf(CString.of(path)), pointerArray(argv),
                              pointerArray(envp), flags);
    }

    /**
     * clone(2) of a thread (flags with CLONE_VM, the new stack at
     * {@code stackTop}, the TID words at {@code ptid} and {@code ctid}, no
     * TLS) whose whole life is one system call, {@code nr(a0, a1, a2)}, and
     * then exit(0). Like {@link #vforkThen}'s child it runs on registers
     * only, so it never touches the memory it shares. The new thread's tid in
     * the caller, or a negative errno.
     */
    public static long threadThen(long flags, long stackTop, long ptid, long ctid, long nr, long a0, long a1, long a2) {
        long tid = Syscall.invoke(SyscallNumbers.CLONE, flags, stackTop, ptid, 0, ctid);
        if (tid == 0) {
            Syscall.invoke(nr, a0, a1, a2);
            while (true) {
                Syscall.invoke(SyscallNumbers.EXIT, 0);
            }
        }
        return tid;
    }

    /**
     * {@link #threadThen} for a call of four arguments, {@code nr(a0, a1, a2,
     * a3)} (futex(2) with its timeout), and no parent TID word (so no
     * CLONE_PARENT_SETTID in {@code flags}): eight arguments, all in registers.
     */
    public static long threadThen4(long flags, long stackTop, long ctid, long nr, long a0, long a1, long a2, long a3) {
        long tid = Syscall.invoke(SyscallNumbers.CLONE, flags, stackTop, 0, 0, ctid);
        if (tid == 0) {
            Syscall.invoke(nr, a0, a1, a2, a3);
            while (true) {
                Syscall.invoke(SyscallNumbers.EXIT, 0);
            }
        }
        return tid;
    }

    public static long execve(String path, String[] argv, String[] envp) {
        return execve(Syscall.addressOf(CString.of(path)), pointerArray(argv), pointerArray(envp));
    }

    public static long execve(long path, long argv, long envp) {
        return Syscall.invoke(SyscallNumbers.EXECVE, path, argv, envp);
    }

    /** A NULL-terminated array of C strings, as execve's argv and envp; 0 (NULL) for null. */
    public static long pointerArray(String[] strings) {
        if (strings == null) {
            return 0;
        }
        long[] pointers = new long[strings.length + 1];
        for (int i = 0; i < strings.length; i++) {
            pointers[i] = Syscall.addressOf(CString.of(strings[i]));
        }
        return Syscall.addressOf(pointers);
    }

    /** {@code status} receives the wait status in element 0 (may be null). */
    public static long wait4(long pid, int[] status, int options) {
        return wait4(pid, address(status), options, 0);
    }

    public static long wait4(long pid, long status, int options, long rusage) {
        return Syscall.invoke(SyscallNumbers.WAIT4, pid, status, options, rusage);
    }

    /**
     * waitid(2); {@code info} receives a siginfo_t ({@link Signals#SIGINFO_SIZE}
     * bytes); no rusage. Returns 0 (not a pid) on success.
     */
    public static long waitid(int idtype, long id, byte[] info, int options) {
        long i = info == null ? 0 : address(info, 0, Signals.SIGINFO_SIZE);
        return Syscall.invoke(SyscallNumbers.WAITID, idtype, id, i, options, 0);
    }

    /** Ends the calling thread only (exit(2), not exit_group); never returns. */
    public static void exit(int status) {
        while (true) {
            Syscall.invoke(SyscallNumbers.EXIT, status);
        }
    }

    /** Ends every thread of the process; never returns. Buffered System.out is not flushed. */
    public static void exit_group(int status) {
        while (true) {
            Syscall.invoke(SyscallNumbers.EXIT_GROUP, status);
        }
    }

    public static long kill(long pid, int sig) {
        return Syscall.invoke(SyscallNumbers.KILL, pid, sig);
    }

    public static long tgkill(long tgid, long tid, int sig) {
        return Syscall.invoke(SyscallNumbers.TGKILL, tgid, tid, sig);
    }

    /** {@code act} and {@code oldact} are {@link Signals#SIGACTION_SIZE}-byte kernel sigactions, or null. */
    public static long rt_sigaction(int sig, byte[] act, byte[] oldact) {
        long a = act == null ? 0 : address(act, 0, Signals.SIGACTION_SIZE);
        long o = oldact == null ? 0 : address(oldact, 0, Signals.SIGACTION_SIZE);
        return Syscall.invoke(SyscallNumbers.RT_SIGACTION, sig, a, o, Signals.SIGSET_SIZE);
    }

    /** rt_sigaction with raw addresses and the sigsetsize argument given, for its error cases. */
    public static long rt_sigaction(int sig, long act, long oldact, long sigsetsize) {
        return Syscall.invoke(SyscallNumbers.RT_SIGACTION, sig, act, oldact, sigsetsize);
    }

    /** rt_sigprocmask with the sigsetsize argument given, for its error cases. */
    public static long rt_sigprocmask(int how, long[] set, long[] old, long sigsetsize) {
        return Syscall.invoke(SyscallNumbers.RT_SIGPROCMASK, how, address(set), address(old), sigsetsize);
    }

    /** {@code set} and {@code old} are 64-bit signal sets (bit N-1 for signal N), or null. */
    public static long rt_sigprocmask(int how, long[] set, long[] old) {
        return Syscall.invoke(SyscallNumbers.RT_SIGPROCMASK, how, address(set), address(old), Signals.SIGSET_SIZE);
    }

    /** rt_sigtimedwait: {@code set} a one-word sigset, {@code info} 128 bytes or 0, {@code timeout} a struct timespec or 0. */
    public static long rt_sigtimedwait(long set, long info, long timeout, long sigsetsize) {
        return Syscall.invoke(SyscallNumbers.RT_SIGTIMEDWAIT, set, info, timeout, sigsetsize);
    }

    public static long rt_sigqueueinfo(long tgid, int sig, long info) {
        return Syscall.invoke(SyscallNumbers.RT_SIGQUEUEINFO, tgid, sig, info);
    }

    public static long rt_tgsigqueueinfo(long tgid, long tid, int sig, long info) {
        return Syscall.invoke(SyscallNumbers.RT_TGSIGQUEUEINFO, tgid, tid, sig, info);
    }

    public static long rt_sigpending(long[] set) {
        return Syscall.invoke(SyscallNumbers.RT_SIGPENDING, address(set), Signals.SIGSET_SIZE);
    }

    /** {@code value} is a struct itimerval: interval then value, two 16-byte timevals. */
    public static long setitimer(int which, long[] value, long[] old) {
        return Syscall.invoke(SyscallNumbers.SETITIMER, which, address(value), address(old));
    }

    public static long getitimer(int which, long[] value) {
        return getitimer(which, address(value));
    }

    public static long getitimer(int which, long value) {
        return Syscall.invoke(SyscallNumbers.GETITIMER, which, value);
    }

    /**
     * futex(2): {@code uaddr} is a 32-bit word; {@code timeout} a timespec
     * (relative for FUTEX_WAIT, absolute for FUTEX_WAIT_BITSET) or null.
     */
    public static long futex(long uaddr, int op, int val, byte[] timeout, long uaddr2, int val3) {
        long t = timeout == null ? 0 : address(timeout, 0, Timespec.SIZE);
        return Syscall.invoke(SyscallNumbers.FUTEX, uaddr, op, val, t, uaddr2, val3);
    }

    /**
     * futex(2) for the operations that take a second count where the timeout
     * goes (FUTEX_REQUEUE, FUTEX_CMP_REQUEUE, FUTEX_WAKE_OP): {@code val2} is
     * passed as the pointer's value.
     */
    public static long futexCounts(long uaddr, int op, int val, long val2, long uaddr2, int val3) {
        return Syscall.invoke(SyscallNumbers.FUTEX, uaddr, op, val, val2, uaddr2, val3);
    }

    // ---- pipes ----

    /** {@code fds} receives the read end in element 0, the write end in element 1 (two 32-bit ints). */
    public static long pipe2(int[] fds, int flags) {
        if (fds.length < 2) {
            throw new IndexOutOfBoundsException("pipe2 needs int[2]");
        }
        return pipe2(Syscall.addressOf(fds), flags);
    }

    public static long pipe2(long fds, int flags) {
        return Syscall.invoke(SyscallNumbers.PIPE2, fds, flags);
    }

    // ---- waiting for many files ----

    /** ppoll(2) over {@code fds} (struct pollfd: int fd, short events, short revents: 8 bytes each); null timeout or mask pass NULL. */
    public static long ppoll(byte[] fds, int nfds, byte[] timeout, long[] sigmask) {
        return ppoll(address(fds), nfds, address(timeout), address(sigmask), 8);
    }

    public static long ppoll(long fds, long nfds, long timeout, long sigmask, long sigsetsize) {
        return Syscall.invoke(SyscallNumbers.PPOLL, fds, nfds, timeout, sigmask, sigsetsize);
    }

    /** pselect6 with fd_sets of {@code long[]} words (null passes NULL) and no signal mask. */
    public static long pselect6(int nfds, long[] readfds, long[] writefds, long[] exceptfds, byte[] timeout) {
        return pselect6(nfds, address(readfds), address(writefds), address(exceptfds), address(timeout), 0);
    }

    public static long pselect6(int nfds, long readfds, long writefds, long exceptfds, long timeout, long sigdata) {
        return Syscall.invoke(SyscallNumbers.PSELECT6, nfds, readfds, writefds, exceptfds, timeout, sigdata);
    }

    // ---- copies between files ----

    /** sendfile(2); {@code offset} null passes NULL (the input's own offset is used and moves). */
    public static long sendfile(int outFd, int inFd, long[] offset, long count) {
        return sendfile(outFd, inFd, address(offset), count);
    }

    public static long sendfile(int outFd, int inFd, long offset, long count) {
        return Syscall.invoke(SyscallNumbers.SENDFILE, outFd, inFd, offset, count);
    }

    /** copy_file_range(2); a null offset array passes NULL. */
    public static long copy_file_range(int inFd, long[] inOffset, int outFd, long[] outOffset, long len, int flags) {
        return copy_file_range(inFd, address(inOffset), outFd, address(outOffset), len, flags);
    }

    public static long copy_file_range(int inFd, long inOffset, int outFd, long outOffset, long len, int flags) {
        return Syscall.invoke(SyscallNumbers.COPY_FILE_RANGE, inFd, inOffset, outFd, outOffset, len, flags);
    }
}
