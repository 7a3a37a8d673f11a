package lichen.fs.vfs;

import lichen.api.Async;

/**
 * A character device driver (/dev/null, a tty): opened through a device node
 * of any filesystem, found by its number in the {@link DeviceRegistry}.
 */
public interface CharDevice {
    @Async
    int read(long pos, byte[] buf, int off, int len);

    @Async
    int write(long pos, byte[] buf, int off, int len);

    /** Whether lseek moves the offset (false: lseek returns 0 and changes nothing, as for ttys). */
    default boolean seekable() {
        return false;
    }
}
