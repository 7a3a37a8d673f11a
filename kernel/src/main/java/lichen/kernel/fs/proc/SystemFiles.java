package lichen.kernel.fs.proc;

import lichen.arch.aarch64.Timer;
import lichen.fs.procfs.ProcNode;
import lichen.kernel.Kernel;
import lichen.kernel.proc.Processes;
import lichen.libkernel.sched.LoadAverage;

/**
 * The files of /proc about the whole system (man 5 proc): uptime,
 * loadavg, stat, meminfo, vmstat, cpuinfo, version, and the /proc/sys/kernel
 * entries procps and BusyBox read.
 */
public final class SystemFiles {
    private static final long NANOS = 1_000_000_000L;

    private SystemFiles() {}

    public static void add(ProcNode root) {
        // uptime: seconds since boot and seconds the CPUs have been idle, to hundredths.
        root.file("uptime", 0444, out -> {
            seconds(out, Timer.nanos());
            out.append(' ');
            seconds(out, KernelStat.idleNanos());
            out.append('\n');
        });
        // loadavg: the three averages, runnable/total threads, the last pid handed out.
        root.file("loadavg", 0444, out -> {
            for (int i = 0; i < 3; i++) {
                LoadAverage.SYSTEM.print(out, i);
                out.append(' ');
            }
            int running = Processes.executor() == null ? 1 : Processes.executor().runnableTasks();
            int threads = Processes.executor() == null ? 1 : Processes.executor().liveTasks();
            out.append(running).append('/').append(threads).append(' ').append(Processes.lastPid()).append('\n');
        });
        root.file("stat", 0444, KernelStat::render);
        root.file("meminfo", 0444, MemInfo::render);
        root.file("vmstat", 0444, VmStat::render);
        root.file("cpuinfo", 0444, CpuInfo::render);
        root.file("version", 0444, out -> out.append("Linux version ").append(Kernel.RELEASE).append(" (Lichen ")
                .append(Kernel.VERSION).append(", compiled by jcc) ").append(Kernel.UTS_VERSION).append('\n'));
        ProcNode kernel = root.dir("sys").dir("kernel");
        kernel.file("osrelease", 0444, out -> out.append(Kernel.RELEASE).append('\n'));
        kernel.file("version", 0444, out -> out.append(Kernel.UTS_VERSION).append('\n'));
        kernel.file("pid_max", 0644, out -> out.append(Processes.PID_MAX).append('\n'));
        // threads-max: Linux derives it from the memory; here the pid space bounds the threads there can be.
        kernel.file("threads-max", 0644, out -> out.append(Processes.PID_MAX).append('\n'));
    }

    /** Seconds with two decimals, as /proc/uptime prints them. */
    private static void seconds(StringBuilder out, long nanos) {
        long hundredths = nanos / 10_000_000 % 100;
        out.append(nanos / NANOS).append('.');
        if (hundredths < 10) out.append('0');
        out.append(hundredths);
    }
}
