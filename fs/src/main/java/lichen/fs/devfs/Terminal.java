package lichen.fs.devfs;

import lichen.api.Async;
import lichen.fs.vfs.PollEvents;
import lichen.libkernel.sync.PollTable;

/** The console hardware behind /dev/console and /dev/tty: the kernel implements it over its UART. */
public interface Terminal {
    /** Writes bytes to the screen; returns the count or a negative errno. */
    @Async
    int write(byte[] buf, int off, int len);

    /** Reads typed bytes, blocking until at least one is there; returns the count or a negative errno. */
    @Async
    int read(byte[] buf, int off, int len);

    /** poll(2): readable once a read would not block; the screen is always writable. */
    default int poll(PollTable table) { return PollEvents.ALWAYS_READY; }
}
