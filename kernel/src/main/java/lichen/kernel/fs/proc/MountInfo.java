package lichen.kernel.fs.proc;

import lichen.fs.procfs.ProcFs;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.Mount;
import lichen.fs.vfs.MountTable;
import lichen.fs.vfs.VfsPath;
import lichen.kernel.fs.RootFilesystem;

/**
 * /proc/PID/mountinfo (man 5 proc, "mountinfo"): a line per mount,
 * "ID PARENT MAJOR:MINOR ROOT MOUNTPOINT OPTIONS - TYPE SOURCE SUPEROPTIONS".
 * A mount's id is its place in the mount table (from 1; Linux's ids are
 * arbitrary small numbers too); every mount shows its filesystem from its
 * root, has no propagation fields (nothing is shared), and its source is
 * named as /proc/mounts names it (ProcFs.source).
 */
final class MountInfo {
    private MountInfo() {}

    static void render(StringBuilder out, FsContext ctx) {
        if (RootFilesystem.vfs() == null) return;
        MountTable mounts = RootFilesystem.vfs().mounts;
        FsContext reader = DescriptorEntries.reader(ctx);
        for (int i = 0; i < mounts.count(); i++) {
            Mount m = mounts.get(i);
            Mount parent = m.parent() == null ? m : m.parent();
            String options = m.fs.mountOptions();
            out.append(i + 1).append(' ').append(id(parent)).append(' ').append(FileMode.major(m.fs.deviceId)).append(':')
                    .append(FileMode.minor(m.fs.deviceId)).append(" / ")
                    .append(reader == null ? "/" : RootFilesystem.vfs().walker.absolute(reader, new VfsPath(m, m.root)))
                    .append(' ').append(options).append(" - ").append(m.fs.type()).append(' ').append(ProcFs.source(m)).append(' ')
                    .append(options).append('\n');
        }
    }

    /** The mount's id in mountinfo and fdinfo (0 for a mount in no table: pipes' and other nameless files'). */
    static int id(Mount m) {
        if (RootFilesystem.vfs() == null) return 0;
        MountTable mounts = RootFilesystem.vfs().mounts;
        for (int i = 0; i < mounts.count(); i++) if (mounts.get(i) == m) return i + 1;
        return 0;
    }
}
