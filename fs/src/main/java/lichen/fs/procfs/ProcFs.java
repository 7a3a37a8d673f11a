package lichen.fs.procfs;

import lichen.fs.vfs.Clock;
import lichen.fs.vfs.Mount;
import lichen.fs.vfs.MountTable;

/**
 * /proc as an in-memory tree (proc(5)). The structure is here: the fixed
 * files, /proc/mounts and /proc/filesystems from the VFS, and
 * {@link #addProcess} for the per-process directories; the kernel supplies
 * the figures (meminfo, uptime, a process's status) as {@link ProcContent}.
 */
public final class ProcFs extends GeneratedFs {
    private final ProcNode root;

    public ProcFs(Clock clock) {
        super(clock);
        root = rootNode();
        // The types mount(2) knows (kernel FilesystemTypes), in Linux's order; "nodev" for those with no block device.
        root.file("filesystems", 0444, out -> out.append("nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\tdevtmpfs\nnodev\tdevpts\n"
                + "\text3\n\text2\n\text4\n\tvfat\n"));
        root.file("version", 0444, out -> out.append("Lichen version 0.1.0 (jcc) #1 SMP\n"));
        root.dir("sys").dir("kernel").file("ostype", 0444, out -> out.append("Linux\n"));
        root.dir("self");
    }

    /** /proc/mounts in fstab form from the VFS mount table. */
    public void showMounts(MountTable mounts) {
        root.file("mounts", 0444, out -> {
            for (int i = 0; i < mounts.count(); i++) {
                Mount m = mounts.get(i);
                out.append(source(m)).append(' ').append(mountPath(m)).append(' ').append(m.fs.type())
                        .append(' ').append(m.fs.mountOptions()).append(" 0 0\n");
            }
        });
    }

    /**
     * What a mount is of, as /proc/mounts and mountinfo name it: the root
     * filesystem's disk is "/dev/root", as Linux names the device given by
     * root=; a filesystem with no device is named by its type.
     */
    public static String source(Mount m) {
        return m.parent() == null && !m.fs.type().equals("tmpfs") ? "/dev/root" : m.fs.type();
    }

    private static String mountPath(Mount m) {
        String p = "";
        int guard = 0;
        while (m.parent() != null && guard++ < 64) {
            String part = "";
            for (var d = m.mountpoint(); d != null && d.parent() != null && guard++ < 4096; d = d.parent()) {
                part = "/" + d.name() + part;
            }
            p = part + p;
            m = m.parent();
        }
        return p.isEmpty() ? "/" : p;
    }

    /** Makes /proc/self point at the current process; {@code pid} renders its number. */
    public void setSelf(ProcContent pid) {
        root.remove("self");
        root.symlink("self", pid);
    }

    /** Adds /proc/PID with the given status, stat and cmdline generators (and fd/); returns its directory. */
    public ProcNode addProcess(int pid, ProcContent status, ProcContent stat, ProcContent cmdline) {
        ProcNode d = root.dir(Integer.toString(pid));
        d.file("status", 0444, status);
        d.file("stat", 0444, stat);
        d.file("cmdline", 0444, cmdline);
        d.dir("fd");
        return d;
    }

    public void removeProcess(int pid) {
        root.remove(Integer.toString(pid));
    }

    /** Adds or replaces a top-level file such as meminfo, uptime or cpuinfo. */
    public void setFile(String name, ProcContent content) {
        root.file(name, 0444, content);
    }

    @Override
    public String type() {
        return "proc";
    }

    @Override
    public String mountOptions() {
        return "rw,relatime"; // files cannot be made here, but some take writes: Linux mounts proc read-write
    }
}
