package lichen.usertest.sys;

import lichen.api.Syscall;
import lichen.api.Unsafe;

/**
 * The Linux system calls usertest makes to wait for many things: epoll(7),
 * eventfd(2), timerfd_create(2), signalfd(2) and the POSIX timers of
 * timer_create(2), one method per call, named after it, with the
 * conventions of {@link Linux}: the raw result, a negative errno on failure;
 * null arrays pass NULL.
 */
@Unsafe
public final class LinuxEvents {
    private LinuxEvents() {}

    public static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    public static final int EPOLLIN = 0x1, EPOLLPRI = 0x2, EPOLLOUT = 0x4, EPOLLERR = 0x8, EPOLLHUP = 0x10;
    public static final int EPOLLEXCLUSIVE = 1 << 28, EPOLLONESHOT = 1 << 30, EPOLLET = 1 << 31;
    /** struct epoll_event on arm64: u32 events, padding, u64 data. */
    public static final int EPOLL_EVENT_SIZE = 16;
    public static final int EFD_SEMAPHORE = 1;
    public static final int TFD_TIMER_ABSTIME = 1;
    public static final int TIMER_ABSTIME = 1;
    public static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD_ID = 4;
    public static final int SI_TIMER = -2;
    /** struct signalfd_siginfo is 128 bytes. */
    public static final int SIGNALFD_SIGINFO_SIZE = 128;

    /** One struct epoll_event. */
    public static byte[] event(int events, long data) {
        byte[] b = new byte[EPOLL_EVENT_SIZE];
        LittleEndian.put32(b, 0, events);
        LittleEndian.put64(b, 8, data);
        return b;
    }

    public static int events(byte[] events, int i) {
        return LittleEndian.u32(events, i * EPOLL_EVENT_SIZE);
    }

    public static long data(byte[] events, int i) {
        return LittleEndian.u64(events, i * EPOLL_EVENT_SIZE + 8);
    }

    /** A struct itimerspec: it_interval then it_value, each a timespec. */
    public static byte[] itimerspec(long intervalNanos, long valueNanos) {
        byte[] b = new byte[32];
        LittleEndian.put64(b, 0, intervalNanos / Timespec.NANOS_PER_SECOND);
        LittleEndian.put64(b, 8, intervalNanos % Timespec.NANOS_PER_SECOND);
        LittleEndian.put64(b, 16, valueNanos / Timespec.NANOS_PER_SECOND);
        LittleEndian.put64(b, 24, valueNanos % Timespec.NANOS_PER_SECOND);
        return b;
    }

    public static long intervalNanos(byte[] its) {
        return LittleEndian.u64(its, 0) * Timespec.NANOS_PER_SECOND + LittleEndian.u64(its, 8);
    }

    public static long valueNanos(byte[] its) {
        return LittleEndian.u64(its, 16) * Timespec.NANOS_PER_SECOND + LittleEndian.u64(its, 24);
    }

    /** A struct sigevent (64 bytes): sigev_value, sigev_signo, sigev_notify, then the thread id. */
    public static byte[] sigevent(int notify, int signo, long value, int tid) {
        byte[] b = new byte[64];
        LittleEndian.put64(b, 0, value);
        LittleEndian.put32(b, 8, signo);
        LittleEndian.put32(b, 12, notify);
        LittleEndian.put32(b, 16, tid);
        return b;
    }

    public static long epoll_create1(int flags) {
        return Syscall.invoke(SyscallNumbers.EPOLL_CREATE1, flags);
    }

    public static long epoll_ctl(int epfd, int op, int fd, byte[] event) {
        return epoll_ctl(epfd, op, fd, Linux.address(event));
    }

    public static long epoll_ctl(int epfd, int op, int fd, long event) {
        return Syscall.invoke(SyscallNumbers.EPOLL_CTL, epfd, op, fd, event);
    }

    /** epoll_pwait into {@code events} (maxevents records of {@link #EPOLL_EVENT_SIZE}); a null mask passes NULL. */
    public static long epoll_pwait(int epfd, byte[] events, int maxevents, int timeoutMs, long[] sigmask) {
        if (events.length < maxevents * EPOLL_EVENT_SIZE) {
            throw new IndexOutOfBoundsException("epoll_pwait needs " + maxevents + " records");
        }
        return epoll_pwait(epfd, Linux.address(events), maxevents, timeoutMs, Linux.address(sigmask), 8);
    }

    public static long epoll_pwait(int epfd, long events, int maxevents, int timeoutMs, long sigmask, long sigsetsize) {
        return Syscall.invoke(SyscallNumbers.EPOLL_PWAIT, epfd, events, maxevents, timeoutMs, sigmask, sigsetsize);
    }

    public static long epoll_pwait2(int epfd, byte[] events, int maxevents, byte[] timeout, long[] sigmask) {
        if (events.length < maxevents * EPOLL_EVENT_SIZE) {
            throw new IndexOutOfBoundsException("epoll_pwait2 needs " + maxevents + " records");
        }
        return Syscall.invoke(SyscallNumbers.EPOLL_PWAIT2, epfd, Linux.address(events), maxevents, Linux.address(timeout),
                Linux.address(sigmask), 8);
    }

    public static long eventfd2(int initval, int flags) {
        return Syscall.invoke(SyscallNumbers.EVENTFD2, initval, flags);
    }

    /** Writes the 8-byte {@code value} (eventfd, the count a timerfd would hold). */
    public static long write64(int fd, long value) {
        byte[] b = new byte[8];
        LittleEndian.put64(b, 0, value);
        return Linux.write(fd, b, 0, 8);
    }

    /** Reads 8 bytes into {@code out[0]}. */
    public static long read64(int fd, long[] out) {
        byte[] b = new byte[8];
        long r = Linux.read(fd, b, 0, 8);
        if (r == 8) {
            out[0] = LittleEndian.u64(b, 0);
        }
        return r;
    }

    public static long timerfd_create(int clock, int flags) {
        return Syscall.invoke(SyscallNumbers.TIMERFD_CREATE, clock, flags);
    }

    public static long timerfd_settime(int fd, int flags, byte[] value, byte[] old) {
        return timerfd_settime(fd, flags, Linux.address(value), Linux.address(old));
    }

    public static long timerfd_settime(int fd, int flags, long value, long old) {
        return Syscall.invoke(SyscallNumbers.TIMERFD_SETTIME, fd, flags, value, old);
    }

    public static long timerfd_gettime(int fd, byte[] value) {
        return Syscall.invoke(SyscallNumbers.TIMERFD_GETTIME, fd, Linux.address(value));
    }

    public static long timer_create(int clock, byte[] sigevent, int[] id) {
        return timer_create(clock, Linux.address(sigevent), Linux.address(id));
    }

    public static long timer_create(int clock, long sigevent, long id) {
        return Syscall.invoke(SyscallNumbers.TIMER_CREATE, clock, sigevent, id);
    }

    public static long timer_settime(int id, int flags, byte[] value, byte[] old) {
        return timer_settime(id, flags, Linux.address(value), Linux.address(old));
    }

    public static long timer_settime(int id, int flags, long value, long old) {
        return Syscall.invoke(SyscallNumbers.TIMER_SETTIME, id, flags, value, old);
    }

    public static long timer_gettime(int id, byte[] value) {
        return Syscall.invoke(SyscallNumbers.TIMER_GETTIME, id, Linux.address(value));
    }

    public static long timer_getoverrun(int id) {
        return Syscall.invoke(SyscallNumbers.TIMER_GETOVERRUN, id);
    }

    public static long timer_delete(int id) {
        return Syscall.invoke(SyscallNumbers.TIMER_DELETE, id);
    }

    /** signalfd4 with the mask {@code mask[0]} (sizemask 8). */
    public static long signalfd4(int fd, long[] mask, int flags) {
        return signalfd4(fd, Linux.address(mask), 8, flags);
    }

    public static long signalfd4(int fd, long mask, long sizemask, int flags) {
        return Syscall.invoke(SyscallNumbers.SIGNALFD4, fd, mask, sizemask, flags);
    }
}
