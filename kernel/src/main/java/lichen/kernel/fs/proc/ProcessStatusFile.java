package lichen.kernel.fs.proc;

import lichen.fs.vfs.Credentials;
import lichen.fs.vfs.FsContext;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.ResourceLimits;
import lichen.kernel.signal.SignalState;

/**
 * /proc/PID/status and /proc/PID/task/TID/status, line for line in the
 * order and layout of Linux 6.x's proc_pid_status (man 5 proc,
 * fs/proc/array.c): tab after each name, memory in kB right-aligned in 8
 * columns, signal masks in 16 hex digits. Every process is root with every
 * capability (IdentityCalls); VmPeak and VmHWM are the current size and
 * resident set, as no high-water mark is kept; VmPTE and the locked,
 * pinned and swapped sizes are 0.
 */
final class ProcessStatusFile {
    /** The capabilities root holds on Linux 6.1: CAP_LAST_CAP is 40. */
    private static final String ALL_CAPS = "000001ffffffffff";

    private ProcessStatusFile() {}

    static void render(StringBuilder out, Process t) {
        Process p = t.leader();
        FsContext files = p.files();
        out.append("Name:\t").append(t.comm()).append('\n');
        umask(out, files == null ? 022 : files.umask);
        out.append("State:\t").append(ProcessStat.stateName(ProcessStat.state(t))).append('\n');
        out.append("Tgid:\t").append(p.pid()).append("\nNgid:\t0\nPid:\t").append(t.pid()).append("\nPPid:\t").append(p.ppid())
                .append("\nTracerPid:\t0\n");
        Credentials cred = files == null ? Credentials.ROOT : files.cred;
        ids(out, "Uid:", cred.uid);
        ids(out, "Gid:", cred.gid);
        int slots = files == null ? 0 : files.fds.slots();
        int fdSize = 64; // NR_OPEN_DEFAULT: a table starts with a long's bits and doubles
        while (fdSize < slots) fdSize *= 2;
        out.append("FDSize:\t").append(fdSize).append("\nGroups:\t");
        for (int g = 0; g < cred.groupCount(); g++) out.append(g == 0 ? "" : " ").append(cred.group(g));
        out.append(" \n"); // Linux keeps the trailing space ("shouldn't have been added in the first place")
        out.append("NStgid:\t").append(p.pid()).append("\nNSpid:\t").append(t.pid()).append("\nNSpgid:\t").append(p.pgid())
                .append("\nNSsid:\t").append(p.sid()).append('\n');
        if (p.mm() != null) memory(out, ProcessMemory.of(p.mm(), p.exePath()));
        out.append("CoreDumping:\t0\n");
        out.append("Threads:\t").append(p.liveThreads()).append('\n');
        SignalState sig = t.signals();
        out.append("SigQ:\t").append(SignalState.queuedFor(cred.uid)).append('/')
                .append(Long.toUnsignedString(ResourceLimits.of(p)[2 * ResourceLimits.RLIMIT_SIGPENDING])).append('\n');
        mask(out, "SigPnd:", 0); // a signal sent to one thread: every pending signal here is the group's
        mask(out, "ShdPnd:", sig.pending());
        mask(out, "SigBlk:", sig.blocked());
        mask(out, "SigIgn:", ProcessStat.ignored(sig));
        mask(out, "SigCgt:", ProcessStat.caught(sig));
        out.append("CapInh:\t0000000000000000\nCapPrm:\t").append(ALL_CAPS).append("\nCapEff:\t").append(ALL_CAPS)
                .append("\nCapBnd:\t").append(ALL_CAPS).append("\nCapAmb:\t0000000000000000\n");
        out.append("NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
        // User threads run on the boot CPU only (sched_getaffinity says so too); one memory node.
        out.append("Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
        long voluntary = t.task() == null ? 0 : t.task().voluntarySwitches();
        long involuntary = t.task() == null ? 0 : t.task().involuntarySwitches();
        out.append("voluntary_ctxt_switches:\t").append(voluntary).append("\nnonvoluntary_ctxt_switches:\t").append(involuntary)
                .append('\n');
    }

    private static void memory(StringBuilder out, ProcessMemory m) {
        kb(out, "VmPeak:", m.sizePages);
        kb(out, "VmSize:", m.sizePages);
        kb(out, "VmLck:", 0);
        kb(out, "VmPin:", 0);
        kb(out, "VmHWM:", m.residentPages);
        kb(out, "VmRSS:", m.residentPages);
        kb(out, "RssAnon:", m.anonPages);
        kb(out, "RssFile:", m.filePages);
        kb(out, "RssShmem:", 0);
        kb(out, "VmData:", m.dataPages);
        kb(out, "VmStk:", m.stackPages);
        kb(out, "VmExe:", m.textPages);
        kb(out, "VmLib:", m.libraryPages);
        kb(out, "VmPTE:", 0);
        kb(out, "VmSwap:", 0);
        kb(out, "HugetlbPages:", 0);
    }

    /** "Name:\t" and the size of {@code pages} in kB, right-aligned in 8 columns. */
    private static void kb(StringBuilder out, String name, long pages) {
        out.append(name).append('\t');
        String kb = Long.toString(pages * 4);
        for (int i = kb.length(); i < 8; i++) out.append(' ');
        out.append(kb).append(" kB\n");
    }

    /** The real, effective, saved and filesystem ids: one id, as every process has. */
    private static void ids(StringBuilder out, String name, int id) {
        out.append(name).append('\t').append(id).append('\t').append(id).append('\t').append(id).append('\t').append(id).append('\n');
    }

    /** "Umask:" in four octal digits, as Linux's "%#04o" prints it. */
    private static void umask(StringBuilder out, int mask) {
        String octal = Integer.toOctalString(mask & 0777);
        out.append("Umask:\t");
        for (int i = octal.length(); i < 4; i++) out.append('0');
        out.append(octal).append('\n');
    }

    private static void mask(StringBuilder out, String name, long bits) {
        out.append(name).append('\t');
        String hex = Long.toHexString(bits);
        for (int i = hex.length(); i < 16; i++) out.append('0');
        out.append(hex).append('\n');
    }
}
