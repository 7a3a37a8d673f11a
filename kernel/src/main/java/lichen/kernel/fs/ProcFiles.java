package lichen.kernel.fs;

import lichen.fs.procfs.ProcFs;
import lichen.fs.vfs.Vfs;
import lichen.kernel.fs.proc.ProcessDirectory;
import lichen.kernel.fs.proc.SystemFiles;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;

/**
 * The kernel's /proc instances (proc(5)): each mounted one has the
 * system-wide files (fs.proc.SystemFiles), /proc/self, and a directory per
 * process (fs.proc.ProcessDirectory). Every instance shows the same
 * processes: each is kept here and told when a process comes and goes.
 */
public final class ProcFiles {
    private static ProcFs[] instances = new ProcFs[4];
    private static int count;

    private ProcFiles() {}

    /** A new /proc for {@code v}, with every process there is. */
    public static ProcFs create(Vfs v) {
        ProcFs proc = new ProcFs(new FileClock());
        proc.showMounts(v.mounts);
        SystemFiles.add(proc.rootNode());
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
            if (p != null && p.leader() == p) ProcessDirectory.add(proc, p);
        }
        return proc;
    }

    /** A process was created: its directory appears in every /proc. */
    public static void created(Process p) {
        for (int i = 0; i < count; i++) ProcessDirectory.add(instances[i], p);
    }

    /** A process was reaped: its directory goes. */
    public static void reaped(Process p) {
        for (int i = 0; i < count; i++) instances[i].removeProcess(p.pid());
    }
}
