package lichen.fs.fat;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.LongObjectMap;
import lichen.fs.Result;
import lichen.fs.block.BlockDevice;
import lichen.fs.block.PageCache;
import lichen.fs.vfs.Clock;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.Inode;

/**
 * A FAT32 volume, read only (Microsoft FAT specification): files are chains
 * of clusters linked through the file allocation table. Every chain walk is
 * bounded by the cluster count, so a looping or broken chain is -EUCLEAN.
 */
public final class FatFs extends FileSystem {
    static final long END_OF_CHAIN = 0x0FFFFFF8L;

    final PageCache dev;
    final BootSector boot;
    private final LongObjectMap<FatNode> nodes = new LongObjectMap<>();
    private FatNode root;

    private FatFs(PageCache dev, BootSector boot, Clock clock) {
        this.dev = dev;
        this.boot = boot;
        this.clock = clock;
    }

    /** Mounts a FAT32 volume: -EINVAL when the boot sector is not FAT32's. */
    @Async
    public static Result<FatFs> mount(BlockDevice device, Clock clock) {
        if (device.size() < 512) return Result.err(-Errno.EINVAL);
        PageCache cache = device instanceof PageCache pc ? pc : new PageCache(device, 4096);
        byte[] b = new byte[512];
        int r = cache.read(0, b, 0, 512);
        if (r < 0) return Result.err(r);
        BootSector bs = BootSector.parse(b, device.size());
        if (bs == null) return Result.err(-Errno.EINVAL);
        FatFs fs = new FatFs(cache, bs, clock);
        fs.root = new FatNode(fs, 1, FileMode.S_IFDIR | 0755, bs.rootCluster, 0, null);
        fs.root.parent = fs.root;
        int l = fs.root.load();
        if (l < 0) return Result.err(l);
        return Result.ok(fs);
    }

    @Override
    public Inode root() {
        return root;
    }

    @Override
    public String type() {
        return "vfat";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public int blockSize() {
        return boot.clusterSize;
    }

    @Override
    public long[] statfs() {
        return new long[] {boot.clusterCount, 0, 0, 0};
    }

    boolean validCluster(long c) {
        return c >= 2 && c < boot.clusterCount + 2;
    }

    /** The FAT entry of cluster {@code c}: the next cluster, END_OF_CHAIN or more at the end, or a negative errno. */
    @Async
    long next(long c) {
        if (!validCluster(c)) return -Errno.EUCLEAN;
        byte[] e = new byte[4];
        int r = dev.read(boot.fatOffset + c * 4, e, 0, 4);
        if (r < 0) return r;
        long v = LittleEndian.u32(e, 0) & 0x0FFFFFFFL;
        if (v >= END_OF_CHAIN) return END_OF_CHAIN;
        if (!validCluster(v)) return -Errno.EUCLEAN;
        return v;
    }

    long clusterPosition(long c) {
        return boot.dataOffset + (c - 2) * boot.clusterSize;
    }

    FatNode cached(long ino) {
        return nodes.get(ino);
    }

    void cache(FatNode n) {
        nodes.put(n.ino, n);
    }
}
