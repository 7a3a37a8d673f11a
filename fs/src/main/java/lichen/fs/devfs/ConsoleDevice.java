package lichen.fs.devfs;

import lichen.api.Async;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.OpenFile;
import lichen.libkernel.sync.PollTable;

/** /dev/console (5:1) and /dev/tty (5:0) over the kernel's {@link Terminal}. */
public final class ConsoleDevice implements CharDevice {
    private final Terminal terminal;

    public ConsoleDevice(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        return len == 0 ? 0 : terminal.read(buf, off, len);
    }

    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) {
        return len == 0 ? 0 : terminal.write(buf, off, len);
    }

    @Override
    public int poll(OpenFile f, PollTable table) { return terminal.poll(table); }
}
