package lichen.kernel.fs.proc;

import lichen.kernel.proc.Process;
import lichen.kernel.proc.ResourceLimits;

/**
 * /proc/PID/limits (proc(5)): each resource limit's soft and hard value
 * and its unit, in the columns Linux's proc_pid_limits prints ("%-25s
 * %-20s %-20s %-10s"), "unlimited" for RLIM_INFINITY. prlimit(1) and
 * people read it.
 */
final class ProcessLimits {
    private ProcessLimits() {}

    /** The rows in resource order (asm-generic/resource.h), with Linux's names and units; null: no unit. */
    private static final String[] NAMES = {"Max cpu time", "Max file size", "Max data size", "Max stack size",
        "Max core file size", "Max resident set", "Max processes", "Max open files", "Max locked memory",
        "Max address space", "Max file locks", "Max pending signals", "Max msgqueue size", "Max nice priority",
        "Max realtime priority", "Max realtime timeout"};
    private static final String[] UNITS = {"seconds", "bytes", "bytes", "bytes", "bytes", "bytes", "processes", "files",
        "bytes", "bytes", "locks", "signals", "bytes", null, null, "us"};

    static void render(StringBuilder out, Process p) {
        pad(out, "Limit", 25).append(' ');
        pad(out, "Soft Limit", 20).append(' ');
        pad(out, "Hard Limit", 20).append(' ');
        pad(out, "Units", 10).append('\n');
        long[] l = ResourceLimits.of(p);
        for (int r = 0; r < NAMES.length; r++) {
            pad(out, NAMES[r], 25).append(' ');
            value(out, l[2 * r]);
            value(out, l[2 * r + 1]);
            if (UNITS[r] != null) pad(out, UNITS[r], 10);
            out.append('\n');
        }
    }

    private static void value(StringBuilder out, long v) {
        pad(out, v == ResourceLimits.RLIM_INFINITY ? "unlimited" : Long.toUnsignedString(v), 20).append(' ');
    }

    private static StringBuilder pad(StringBuilder out, String s, int width) {
        out.append(s);
        for (int i = s.length(); i < width; i++) out.append(' ');
        return out;
    }
}
