package lichen.fs.vfs;

import lichen.api.Async;

/**
 * A character device driver (/dev/null, a tty, a pipe's end): opened through
 * a device node of any filesystem, found by its number in the
 * {@link DeviceRegistry}, or made by the kernel for an open file with no
 * name ({@link Vfs#openUnnamed}).
 */
public interface CharDevice {
    @Async
    int read(long pos, byte[] buf, int off, int len);

    @Async
    int write(long pos, byte[] buf, int off, int len);

    /** A read with the open file's status flags (O_NONBLOCK: EAGAIN rather than sleep); most drivers ignore them. */
    @Async
    default int read(long pos, byte[] buf, int off, int len, int flags) {
        return read(pos, buf, off, len);
    }

    /** A write with the open file's status flags. */
    @Async
    default int write(long pos, byte[] buf, int off, int len, int flags) {
        return write(pos, buf, off, len);
    }

    /** The last descriptor of an open file description of this device was closed (a pipe counts its ends). */
    default void closed(int flags) {}

    /** Whether lseek moves the offset (false: lseek returns 0 and changes nothing, as for ttys). */
    default boolean seekable() {
        return false;
    }
}
