package lichen.kernel.fs;

import lichen.api.Async;
import lichen.fs.devfs.Terminal;

/**
 * /dev/console and /dev/tty over the kernel's console output: writes go
 * where System.out goes (the runtime's write, answered by KernelServices on
 * the PL011), flushed at once since a terminal shows bytes as they come.
 * There is no console input yet (the UART's receive interrupt comes with the
 * tty layer), so a read is end-of-file, as on a terminal whose line was hung up.
 */
public final class ConsoleTerminal implements Terminal {
    @Override
    @Async
    public int write(byte[] buf, int off, int len) {
        System.out.write(buf, off, len);
        System.out.flush();
        return len;
    }

    @Override
    @Async
    public int read(byte[] buf, int off, int len) {
        return 0;
    }
}
