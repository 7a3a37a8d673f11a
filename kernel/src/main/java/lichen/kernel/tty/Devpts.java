package lichen.kernel.tty;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.tmpfs.TmpFs;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.Inode;
import lichen.fs.devfs.DevFs;
import lichen.kernel.fs.FileClock;

/**
 * The devpts filesystem (mounted on /dev/pts): a node N (136:N) for each
 * pseudo-terminal pair while its master is open, owned by the process that
 * opened /dev/ptmx, mode 0600 unless mount's mode= option says otherwise
 * and its group gid= or the opener's (man 4 pts; Linux's devpts default
 * mode), and ptmx (5:2, mode 0000) as Linux has it. Every mount shows the
 * same tree.
 */
public final class Devpts {
    private static TmpFs tree;
    /** The mode= and gid= mount options: the new nodes' permission bits, and their group (-1: the opener's). */
    private static int nodeMode = 0600, nodeGroup = -1;

    private Devpts() {}

    /** mount -t devpts [-o mode=M,gid=G]: the tree (made at the first mount); mode and gid apply to the pairs opened after. */
    @Async
    public static Result<FileSystem> mount(int mode, int gid) {
        if (mode >= 0) nodeMode = mode & 0777;
        if (gid >= 0) nodeGroup = gid;
        if (tree == null) {
            TmpFs fs = new TmpFs(new FileClock(), 0, "devpts");
            fs.doNotCacheNames();
            fs.root().mode = FileMode.S_IFDIR | 0755;
            Result<Inode> ptmx = fs.root().create("ptmx", FileMode.S_IFCHR, 0, 0, DevFs.PTMX);
            if (!ptmx.ok()) return ptmx.cast();
            tree = fs;
        }
        // As Linux's devpts_show_options: gid= when given, mode= always, ptmxmode= (ptmx's, 000).
        tree.setExtraOptions((nodeGroup >= 0 ? "gid=" + nodeGroup + "," : "") + "mode=" + octal3(nodeMode) + ",ptmxmode=000");
        return Result.ok(tree);
    }

    /** Permission bits as Linux's %03o prints them. */
    private static String octal3(int mode) {
        String s = Integer.toOctalString(mode);
        return s.length() >= 3 ? s : "000".substring(s.length()) + s;
    }

    /** /dev/pts/N appears for a new pair (no devpts mounted: nothing to show). */
    @Async
    static void add(int index, int uid, int gid) {
        if (tree == null) return;
        tree.root().unlink(Integer.toString(index)); // a node left from an earlier pair of this index
        tree.root().create(Integer.toString(index), FileMode.S_IFCHR | nodeMode, uid, nodeGroup >= 0 ? nodeGroup : gid,
                FileMode.makedev(Ptys.SLAVE_MAJOR, index));
    }

    /** /dev/pts/N goes with its pair's master (devpts_pty_kill); a slave already open stays usable until closed. */
    @Async
    static void remove(int index) {
        if (tree != null) tree.root().unlink(Integer.toString(index));
    }
}
