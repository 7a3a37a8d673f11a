package lichen.kernel.fs;

import lichen.arch.aarch64.KernelAddressSpace;
import lichen.arch.aarch64.Timer;
import lichen.fs.procfs.ProcFs;
import lichen.fs.procfs.ProcNode;
import lichen.fs.vfs.Vfs;
import lichen.kernel.Kernel;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.time.ClockTicks;
import lichen.kernel.time.WallClock;
import lichen.libkernel.mm.BuddyAllocator;
import lichen.libkernel.mm.ProcMaps;

/**
 * What the kernel shows in /proc (proc(5)): uptime, meminfo, loadavg, stat,
 * version, /proc/self, and a directory per process with stat, status,
 * cmdline, comm, maps and the exe and cwd links. Every mounted instance
 * shows the same processes: each is kept here and told when a process
 * comes and goes.
 */
public final class ProcFiles {
    private static final long NANOS = 1_000_000_000L;
    private static ProcFs[] instances = new ProcFs[4];
    private static int count;

    private ProcFiles() {}

    /** A new /proc for {@code v}, with every process there is. */
    public static ProcFs create(Vfs v) {
        ProcFs proc = new ProcFs(new FileClock());
        proc.showMounts(v.mounts);
        ProcNode root = proc.rootNode();
        root.file("uptime", 0444, out -> {
            long t = Timer.nanos();
            out.append(t / NANOS).append('.').append(twoDigits(t % NANOS / 10_000_000)).append(' ')
                    .append(t / NANOS).append('.').append(twoDigits(t % NANOS / 10_000_000)).append('\n');
        });
        root.file("meminfo", 0444, ProcFiles::meminfo);
        root.file("loadavg", 0444, out -> out.append("0.00 0.00 0.00 1/").append(Processes.count()).append(' ')
                .append(Processes.lastPid()).append('\n'));
        root.file("version", 0444, out -> out.append("Linux version 6.12.0-lichen (Lichen ").append(Kernel.VERSION)
                .append(", compiled by jcc) #1 SMP\n"));
        root.file("stat", 0444, out -> {
            out.append("cpu  0 0 0 ").append(ClockTicks.sinceBoot()).append(" 0 0 0 0 0 0\n");
            out.append("btime ").append((WallClock.nowNanos() - Timer.nanos()) / NANOS).append('\n');
            out.append("processes ").append(Processes.lastPid()).append("\nprocs_running 1\nprocs_blocked 0\n");
        });
        proc.setSelf(out -> {
            Process p = Processes.current();
            out.append(p == null ? 0 : p.tgid());
        });
        if (count == instances.length) {
            ProcFs[] bigger = new ProcFs[count * 2];
            System.arraycopy(instances, 0, bigger, 0, count);
            instances = bigger;
        }
        instances[count++] = proc;
        for (int pid = 1; pid < Processes.PID_MAX; pid++) {
            Process p = Processes.byPid(pid);
            if (p != null) add(proc, p);
        }
        return proc;
    }

    /** A process was created: its directory appears in every /proc. */
    public static void created(Process p) {
        for (int i = 0; i < count; i++) add(instances[i], p);
    }

    /** A process was reaped: its directory goes. */
    public static void reaped(Process p) {
        for (int i = 0; i < count; i++) instances[i].removeProcess(p.pid());
    }

    private static void add(ProcFs proc, Process p) {
        ProcNode d = proc.addProcess(p.pid(), out -> ProcessStatus.status(out, p), out -> ProcessStatus.stat(out, p),
                out -> ProcessStatus.cmdline(out, p));
        d.file("comm", 0444, out -> out.append(p.comm()).append('\n'));
        d.file("maps", 0444, out -> {
            if (p.mm() != null) out.append(ProcMaps.render(p.mm().areas()));
        });
        d.symlink("exe", out -> out.append(p.exePath()));
        d.symlink("mounts", out -> out.append("/proc/mounts")); // one mount namespace: every process sees the same table
        d.symlink("cwd", out -> {
            if (p.files() != null && RootFilesystem.vfs() != null) out.append(RootFilesystem.vfs().getcwd(p.files()));
        });
    }

    private static void meminfo(StringBuilder out) {
        BuddyAllocator frames = KernelAddressSpace.get().frames();
        long totalKb = frames.managedPageCount() * 4, freeKb = frames.freePageCount() * 4;
        line(out, "MemTotal:", totalKb);
        line(out, "MemFree:", freeKb);
        line(out, "MemAvailable:", freeKb);
        line(out, "Buffers:", 0);
        line(out, "Cached:", 0);
        line(out, "SwapCached:", 0);
        line(out, "SwapTotal:", 0);
        line(out, "SwapFree:", 0);
        line(out, "Shmem:", 0);
        line(out, "SReclaimable:", 0);
    }

    /** A meminfo line: the name padded to 16 columns, the figure right-aligned in 8, " kB". */
    private static void line(StringBuilder out, String name, long kb) {
        out.append(name);
        String n = Long.toString(kb);
        for (int i = name.length() + n.length(); i < 24; i++) out.append(' ');
        out.append(n).append(" kB\n");
    }

    private static String twoDigits(long v) { return v < 10 ? "0" + v : Long.toString(v); }
}
