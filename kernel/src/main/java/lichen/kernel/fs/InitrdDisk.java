package lichen.kernel.fs;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.fs.Errno;
import lichen.fs.block.BlockDevice;

/**
 * The initial ramdisk as a block device, used in place: the boot loader put
 * the image in RAM and named it in the device tree's /chosen node
 * (`linux,initrd-start`, `linux,initrd-end`; Linux's
 * Documentation/devicetree/bindings/chosen.txt). Its frames were kept from the
 * buddy allocator at boot ({@code BootAllocator.fromMachine}), so the bytes
 * stay the disk's for as long as the kernel runs; they are reached through
 * the linear map with {@link Mem}, and writes change them there (the disk is
 * lost at power-off, as a Linux ramdisk is).
 */
@Unsafe
public final class InitrdDisk implements BlockDevice {
    private final long start;
    private final long size;

    /** The physical range [start, end) the boot loader filled. */
    public InitrdDisk(long start, long end) {
        this.start = start;
        this.size = end - start;
    }

    public long physicalStart() { return start; }

    @Override
    public long size() { return size; }

    @Override
    public boolean readOnly() { return false; }


    @Override
    @Async
    public int read(long pos, byte[] dst, int off, int len) {
        if (!BlockDevice.inRange(size, pos, dst, off, len)) return -Errno.EIO;
        Mem.copyToArray(start + pos, dst, off, len);
        return len;
    }

    @Override
    @Async
    public int write(long pos, byte[] src, int off, int len) {
        if (!BlockDevice.inRange(size, pos, src, off, len)) return -Errno.EIO;
        Mem.copyFromArray(src, off, start + pos, len);
        return len;
    }

    /** RAM needs no flush. */
    @Override
    @Async
    public int flush() { return 0; }
}
