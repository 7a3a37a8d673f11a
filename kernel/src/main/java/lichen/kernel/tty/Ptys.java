package lichen.kernel.tty;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.FileMode;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * The pseudo-terminal pairs by index. Opening /dev/ptmx takes the lowest
 * free index (man 4 pts); an index is free again once both its master and
 * every open slave are closed. A pair's objects stay for the next user of
 * its index, and its slave's device number (136:N, Unix98 pty slaves) stays
 * registered: opening it while the index is unused is EIO.
 */
public final class Ptys {
    /** Unix98 pty slaves' major number (Documentation/admin-guide/devices.txt). */
    static final int SLAVE_MAJOR = 136;
    /** How many pairs may be open at once (/proc/sys/kernel/pty/max is 4096 on Linux; a small machine needs fewer). */
    static final int MAX = 256;
    private static PtyPair[] pairs;

    private Ptys() {}

    /** open(2) of /dev/ptmx: a new pair, its slave /dev/pts/N owned by the opener; the master's driver, or ENOSPC when all are taken. */
    @Async
    static Result<CharDevice> open() {
        if (pairs == null) pairs = new PtyPair[MAX];
        int i = 0;
        while (i < MAX && pairs[i] != null && pairs[i].inUse) i++;
        if (i == MAX) return Result.err(-Errno.ENOSPC);
        if (pairs[i] == null) {
            pairs[i] = new PtyPair(i);
            RootFilesystem.vfs().devices.register(FileMode.makedev(SLAVE_MAJOR, i), pairs[i].slave);
        }
        PtyPair pair = pairs[i];
        pair.start();
        Process p = ControllingTerminal.caller();
        int uid = p == null ? 0 : p.files().cred.uid, gid = p == null ? 0 : p.files().cred.gid;
        Devpts.add(i, uid, gid);
        return Result.ok(pair.master);
    }

    /** Both sides of {@code pair} are closed: its index may be taken again. */
    static void free(PtyPair pair) { pair.inUse = false; }

    /** The pty slave that is session {@code sid}'s controlling terminal, or null. */
    static Terminal controlling(int sid) {
        if (pairs == null) return null;
        for (PtyPair pair : pairs) {
            if (pair != null && pair.inUse && pair.slave.session == sid) return pair.slave;
        }
        return null;
    }
}
