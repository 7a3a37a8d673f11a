package lichen.fs.vfs;

import lichen.api.Async;
import lichen.libkernel.sync.PollTable;

/**
 * A character device driver (/dev/null, a tty): opened through a device node
 * of any filesystem, found by its number in the {@link DeviceRegistry}.
 */
public interface CharDevice {
    @Async
    int read(long pos, byte[] buf, int off, int len);

    @Async
    int write(long pos, byte[] buf, int off, int len);

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
