package lichen.kernel.tty;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * /dev/tty (5:0): opening it opens the caller's controlling terminal, the
 * console or a pty slave; ENXIO when the caller has none (man 4 tty).
 */
public final class ControllingTerminalDevice implements CharDevice {
    @Override
    @Async
    public Result<CharDevice> open(int flags) {
        Process p = ControllingTerminal.caller();
        Terminal t = p == null ? null : ControllingTerminal.of(p);
        if (t == null) return Result.err(-Errno.ENXIO);
        return t.open(flags | OpenFlags.O_NOCTTY);
    }

    @Override
    public int read(long pos, byte[] buf, int off, int len) { return -Errno.ENXIO; }

    @Override
    public int write(long pos, byte[] buf, int off, int len) { return -Errno.ENXIO; }
}
