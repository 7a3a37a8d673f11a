package lichen.usertest.sys;

/**
 * AArch64 Linux system call numbers. AArch64 uses the generic table,
 * include/uapi/asm-generic/unistd.h, with the 64-bit names of the
 * {@code __NR3264_*} entries (fstat is {@code __NR3264_fstat}, newfstatat
 * is {@code __NR3264_fstatat}, mmap is {@code __NR3264_mmap}).
 */
public final class SyscallNumbers {
    private SyscallNumbers() {}

    public static final int GETCWD = 17;
    public static final int DUP3 = 24;
    public static final int FCNTL = 25;
    public static final int MKDIRAT = 34;
    public static final int UNLINKAT = 35;
    public static final int SYMLINKAT = 36;
    public static final int FTRUNCATE = 46;
    public static final int CHDIR = 49;
    public static final int FCHMODAT = 53;
    public static final int OPENAT = 56;
    public static final int CLOSE = 57;
    public static final int PIPE2 = 59;
    public static final int PSELECT6 = 72;
    public static final int PPOLL = 73;
    public static final int IOCTL = 29;
    public static final int SENDFILE = 71;
    public static final int COPY_FILE_RANGE = 285;
    public static final int GETDENTS64 = 61;
    public static final int LSEEK = 62;
    public static final int READ = 63;
    public static final int WRITE = 64;
    public static final int PREAD64 = 67;
    public static final int PWRITE64 = 68;
    public static final int READLINKAT = 78;
    public static final int NEWFSTATAT = 79;
    public static final int FSTAT = 80;
    public static final int FSYNC = 82;
    public static final int PERSONALITY = 92;
    public static final int EXIT = 93;
    public static final int EXIT_GROUP = 94;
    public static final int WAITID = 95;
    public static final int SET_TID_ADDRESS = 96;
    public static final int FUTEX = 98;
    public static final int SET_ROBUST_LIST = 99;
    public static final int GET_ROBUST_LIST = 100;
    public static final int NANOSLEEP = 101;
    public static final int GETITIMER = 102;
    public static final int SETITIMER = 103;
    public static final int CLOCK_GETTIME = 113;
    public static final int CLOCK_GETRES = 114;
    public static final int CLOCK_NANOSLEEP = 115;
    public static final int SCHED_GETAFFINITY = 123;
    public static final int SCHED_YIELD = 124;
    public static final int KILL = 129;
    public static final int TGKILL = 131;
    public static final int RT_SIGACTION = 134;
    public static final int RT_SIGPROCMASK = 135;
    public static final int RT_SIGPENDING = 136;
    public static final int SETGID = 144;
    public static final int SETUID = 146;
    public static final int SETRESUID = 147;
    public static final int GETRESUID = 148;
    public static final int GETRESGID = 150;
    public static final int TIMES = 153;
    public static final int SETPGID = 154;
    public static final int GETPGID = 155;
    public static final int GETSID = 156;
    public static final int SETSID = 157;
    public static final int GETGROUPS = 158;
    public static final int UNAME = 160;
    public static final int GETRLIMIT = 163;
    public static final int SETRLIMIT = 164;
    public static final int GETRUSAGE = 165;
    public static final int UMASK = 166;
    public static final int PRCTL = 167;
    public static final int GETTIMEOFDAY = 169;
    public static final int GETPID = 172;
    public static final int GETPPID = 173;
    public static final int GETUID = 174;
    public static final int GETEUID = 175;
    public static final int GETGID = 176;
    public static final int GETEGID = 177;
    public static final int GETTID = 178;
    public static final int SYSINFO = 179;
    public static final int BRK = 214;
    public static final int MUNMAP = 215;
    public static final int MREMAP = 216;
    public static final int CLONE = 220;
    public static final int EXECVE = 221;
    public static final int MMAP = 222;
    public static final int MPROTECT = 226;
    public static final int MSYNC = 227;
    public static final int MADVISE = 233;
    public static final int WAIT4 = 260;
    public static final int PTRACE = 117;
    public static final int PROCESS_VM_READV = 270;
    public static final int PRLIMIT64 = 261;
    public static final int RENAMEAT2 = 276;
    public static final int GETRANDOM = 278;
    public static final int EXECVEAT = 281;
    public static final int CLONE3 = 435;
}
