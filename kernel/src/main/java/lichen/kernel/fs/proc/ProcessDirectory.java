package lichen.kernel.fs.proc;

import lichen.fs.procfs.ProcFs;
import lichen.fs.procfs.ProcNode;
import lichen.fs.vfs.FsContext;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.proc.Process;
import lichen.libkernel.mm.ProcMaps;

/**
 * /proc/PID (man 5 proc): the process's stat, statm, status, cmdline,
 * environ, comm, maps, mountinfo, the exe, cwd and root links, its open
 * descriptors (fd/, fdinfo/) and its threads (task/TID, each with its own
 * stat, status and comm).
 */
public final class ProcessDirectory {
    private ProcessDirectory() {}

    /** Adds {@code p}'s directory to {@code proc}. */
    public static void add(ProcFs proc, Process p) {
        ProcNode d = proc.addProcess(p.pid(), out -> ProcessStatusFile.render(out, p), out -> ProcessStat.render(out, p, true),
                out -> strings(out, p.argv()));
        common(d, p);
        d.file("statm", 0444, out -> ProcessStat.statm(out, p));
        d.file("environ", 0400, out -> strings(out, p.envp()));
        d.file("limits", 0444, out -> ProcessLimits.render(out, p));
        d.file("maps", 0444, out -> {
            if (p.mm() != null) out.append(ProcMaps.render(p.mm().areas()));
        });
        d.file("mountinfo", 0444, out -> MountInfo.render(out, p.files()));
        d.symlink("mounts", out -> out.append("/proc/mounts")); // one mount namespace: every process sees the same table
        d.symlink("exe", out -> out.append(p.exePath()));
        d.symlink("cwd", out -> path(out, p, true));
        d.symlink("root", out -> path(out, p, false));
        ProcNode fds = d.dir("fd");
        fds.setRefresh(dir -> DescriptorEntries.refreshLinks(dir, p));
        d.dir("fdinfo").setRefresh(dir -> DescriptorEntries.refreshInfo(dir, p));
        d.dir("task").setRefresh(dir -> refreshThreads(dir, p));
    }

    /** What a process's and each of its threads' directories have alike. */
    private static void common(ProcNode d, Process t) {
        d.file("comm", 0644, out -> out.append(t.comm()).append('\n'));
    }

    /** task/: a directory per live thread of the group, named by its thread id. */
    private static void refreshThreads(ProcNode dir, Process p) {
        Process leader = p.leader();
        for (int i = dir.childCount() - 1; i >= 0; i--) {
            if (!isThreadOf(leader, ProcNode.number(dir.childName(i)))) dir.removeChild(i);
        }
        for (Process t = leader; t != null; t = t.nextThread()) {
            if (t.state() == Process.LIVE && dir.findNumbered(t.pid()) < 0) addThread(dir.numberedDir(t.pid()), t);
        }
    }

    /** task/TID: the thread's own stat, status and comm, and the process's statm and cmdline. */
    private static void addThread(ProcNode td, Process t) {
        common(td, t);
        td.file("stat", 0444, out -> ProcessStat.render(out, t, false));
        td.file("status", 0444, out -> ProcessStatusFile.render(out, t));
        td.file("statm", 0444, out -> ProcessStat.statm(out, t));
        td.file("cmdline", 0444, out -> strings(out, t.argv()));
    }

    private static boolean isThreadOf(Process leader, int tid) {
        for (Process t = leader; t != null; t = t.nextThread()) if (t.pid() == tid && t.state() == Process.LIVE) return true;
        return false;
    }

    /** cmdline and environ: each string followed by a NUL, as the program's memory holds them after exec. */
    private static void strings(StringBuilder out, byte[][] list) {
        if (list == null) return;
        for (byte[] a : list) {
            for (byte b : a) out.append((char) (b & 0xff));
            out.append('\0');
        }
    }

    /** The cwd or root link: the directory's path as the reader sees it (from the reader's root, as Linux's d_path). */
    private static void path(StringBuilder out, Process p, boolean cwd) {
        FsContext ctx = p.files();
        if (ctx == null || RootFilesystem.vfs() == null) return;
        out.append(RootFilesystem.vfs().walker.absolute(DescriptorEntries.reader(ctx), cwd ? ctx.cwd : ctx.root));
    }
}
