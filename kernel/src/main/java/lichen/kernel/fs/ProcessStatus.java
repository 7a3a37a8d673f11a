package lichen.kernel.fs;

import lichen.kernel.proc.Process;

/**
 * /proc/PID/stat, status and cmdline (proc(5)), the fields ps and top read.
 * CPU times are not counted per process yet and show as 0.
 */
final class ProcessStatus {
    private ProcessStatus() {}

    /** 'R' for the running process, 'S' for one waiting, 'Z' for a zombie. */
    static char state(Process p) {
        if (p.state() != Process.LIVE) return 'Z';
        return p.task() != null && p.task().isRunning() ? 'R' : 'S';
    }

    static void stat(StringBuilder out, Process p) {
        long vsize = p.mm() == null ? 0 : p.mm().areas().totalBytes();
        long rss = p.mm() == null ? 0 : p.mm().residentPages();
        out.append(p.pid()).append(" (").append(p.comm()).append(") ").append(state(p)).append(' ')
                .append(p.ppid()).append(' ').append(p.pgid()).append(' ').append(p.sid())
                .append(" 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 ").append(p.startTicks()).append(' ')
                .append(vsize).append(' ').append(rss)
                .append(" 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    }

    static void status(StringBuilder out, Process p) {
        char s = state(p);
        out.append("Name:\t").append(p.comm()).append('\n');
        out.append("Umask:\t0022\n");
        out.append("State:\t").append(s).append(s == 'R' ? " (running)" : s == 'Z' ? " (zombie)" : " (sleeping)").append('\n');
        out.append("Tgid:\t").append(p.pid()).append("\nNgid:\t0\nPid:\t").append(p.pid()).append("\nPPid:\t").append(p.ppid())
                .append("\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t64\nGroups:\t\n");
        if (p.mm() != null) {
            out.append("VmSize:\t").append(p.mm().areas().totalBytes() / 1024).append(" kB\n");
            out.append("VmRSS:\t").append(p.mm().residentPages() * 4).append(" kB\n");
        }
        out.append("Threads:\t1\n");
    }

    /** The argv the program was started with, each argument NUL-terminated. */
    static void cmdline(StringBuilder out, Process p) {
        byte[][] argv = p.argv();
        if (argv == null) return;
        for (byte[] a : argv) {
            for (byte b : a) out.append((char) (b & 0xff));
            out.append('\0');
        }
    }
}
