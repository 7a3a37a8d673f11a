package lichen.fs.vfs;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.libkernel.sync.PollTable;

/**
 * A character device driver (/dev/null, a tty): opened through a device node
 * of any filesystem, found by its number in the {@link DeviceRegistry}.
 */
public interface CharDevice {
    /**
     * open(2) of a node with this device's number: the driver the new open
     * file description uses, or an error. Most answer themselves; /dev/ptmx
     * makes a new pseudo-terminal pair and answers its master (man 4 pts),
     * /dev/tty answers the caller's controlling terminal (ENXIO when none).
     */
    @Async
    default Result<CharDevice> open(int flags) {
        return Result.ok(this);
    }

    @Async
    int read(long pos, byte[] buf, int off, int len);

    @Async
    int write(long pos, byte[] buf, int off, int len);

    /** read through open file description {@code f}, for a driver that needs its flags (a terminal's O_NONBLOCK). */
    @Async
    default int read(OpenFile f, long pos, byte[] buf, int off, int len) {
        return read(pos, buf, off, len);
    }

    /** write through {@code f}, as {@link #read(OpenFile, long, byte[], int, int)}. */
    @Async
    default int write(OpenFile f, long pos, byte[] buf, int off, int len) {
        return write(pos, buf, off, len);
    }

    /** The last descriptor of an open file description on this device closed (a pipe end counts its openers). */
    @Async
    default void released(OpenFile f) {}

    /**
     * poll(2): the {@link PollEvents} true of {@code f} now; a device that can
     * block registers with {@code table} the set its changes wake (table may
     * be null: no registration wanted). One that never blocks is always ready.
     */
    default int poll(OpenFile f, PollTable table) {
        return PollEvents.ALWAYS_READY;
    }

    /** Whether lseek moves the offset (false: lseek returns 0 and changes nothing, as for ttys). */
    default boolean seekable() {
        return false;
    }
}
