package lichen.fs.fat;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.ObjectList;
import lichen.fs.Result;
import lichen.fs.vfs.DirSink;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.Inode;

/**
 * A FAT file or directory. The inode number is the byte position of its
 * directory entry divided by 32 (as Linux's i_pos); a directory's entries
 * are decoded once, on first use. Modes are 0755 for directories, 0644 for
 * files (0444 when read-only), owned by root, as Linux's vfat shows them with
 * its default umask.
 */
final class FatNode extends Inode {
    private static final int MAX_DIR_ENTRIES = 65536;   // FAT limit on entries per directory

    private static final class Entry {
        final String name;
        final long ino;
        final int attr;
        final long cluster;
        final long size;
        final long mtime;

        Entry(String name, long ino, int attr, long cluster, long size, long mtime) {
            this.name = name;
            this.ino = ino;
            this.attr = attr;
            this.cluster = cluster;
            this.size = size;
            this.mtime = mtime;
        }
    }

    private final FatFs ffs;
    final long firstCluster;
    FatNode parent;
    private ObjectList<Entry> entries;
    // Where the last read stopped in the chain: sequential reads do not walk from the start again.
    private long cursorIndex = -1, cursorCluster;

    FatNode(FatFs fs, long ino, int mode, long firstCluster, long size, FatNode parent) {
        super(fs, ino);
        this.ffs = fs;
        this.mode = mode;
        this.firstCluster = firstCluster;
        this.size = size;
        this.parent = parent;
        this.nlink = 1;
        this.blocks512 = (size + fs.boot.clusterSize - 1) / fs.boot.clusterSize * (fs.boot.clusterSize / 512);
    }

    /** Decodes a directory's entries (nlink becomes 2 plus its subdirectories). */
    @Async
    int load() {
        if (!isDir() || entries != null) return 0;
        ObjectList<Entry> list = new ObjectList<>();
        DirEntryDecoder dec = new DirEntryDecoder();
        int cs = ffs.boot.clusterSize;
        byte[] buf = new byte[cs];
        long c = firstCluster;
        long clusters = 0;
        int subdirs = 0;
        int seen = 0;
        outer:
        while (c != FatFs.END_OF_CHAIN) {
            if (++clusters > ffs.boot.clusterCount || !ffs.validCluster(c)) return -Errno.EUCLEAN;
            long pos = ffs.clusterPosition(c);
            int r = ffs.dev.read(pos, buf, 0, cs);
            if (r < 0) return r;
            for (int off = 0; off < cs; off += 32) {
                if (++seen > MAX_DIR_ENTRIES) return -Errno.EUCLEAN;
                int first = buf[off] & 0xFF;
                if (first == 0) break outer;
                if (first == 0xE5) { dec.reset(); continue; }
                int attr = buf[off + 11] & 0xFF;
                if ((attr & 0x3F) == DirEntryDecoder.ATTR_LFN) { dec.longName(buf, off); continue; }
                if ((attr & DirEntryDecoder.ATTR_VOLUME) != 0) { dec.reset(); continue; }
                String name = dec.name(buf, off);
                if (name.equals(".") || name.equals("..") || name.isEmpty()) continue;
                long cluster = (long) LittleEndian.u16(buf, off + 20) << 16 | LittleEndian.u16(buf, off + 26);
                long size = LittleEndian.u32(buf, off + 28);
                long mtime = DirEntryDecoder.epochSeconds(LittleEndian.u16(buf, off + 24), LittleEndian.u16(buf, off + 22));
                if ((attr & DirEntryDecoder.ATTR_DIRECTORY) != 0) subdirs++;
                list.add(new Entry(name, (pos + off) / 32, attr, cluster, size, mtime));
            }
            long n = ffs.next(c);
            if (n < 0) return (int) n;
            c = n;
        }
        entries = list;
        nlink = 2 + subdirs;
        size = clusters * cs;
        blocks512 = size / 512;
        return 0;
    }

    @Async
    private Result<Inode> node(Entry e) {
        FatNode n = ffs.cached(e.ino);
        if (n != null) return Result.ok(n);
        boolean dir = (e.attr & DirEntryDecoder.ATTR_DIRECTORY) != 0;
        int m = dir ? FileMode.S_IFDIR | 0755 : FileMode.S_IFREG | ((e.attr & DirEntryDecoder.ATTR_READ_ONLY) != 0 ? 0444 : 0644);
        if (dir && !ffs.validCluster(e.cluster)) return Result.err(-Errno.EUCLEAN);
        if (!dir && e.size > 0 && !ffs.validCluster(e.cluster)) return Result.err(-Errno.EUCLEAN);
        n = new FatNode(ffs, e.ino, m, e.cluster, dir ? 0 : e.size, this);
        n.mtimeSec = n.ctimeSec = n.atimeSec = e.mtime;
        int r = n.load();
        if (r < 0) return Result.err(r);
        ffs.cache(n);
        return Result.ok(n);
    }

    @Override
    @Async
    public Result<Inode> lookup(String name) {
        if (!isDir()) return Result.err(-Errno.ENOTDIR);
        if (name.equals(".")) return Result.ok(this);
        if (name.equals("..")) return Result.ok(parent);
        int r = load();
        if (r < 0) return Result.err(r);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.name.equals(name)) return node(e);
        }
        // FAT names compare without regard to ASCII case.
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (sameIgnoringAsciiCase(e.name, name)) return node(e);
        }
        return Result.err(-Errno.ENOENT);
    }

    private static boolean sameIgnoringAsciiCase(String a, String b) {
        if (a.length() != b.length()) return false;
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x >= 'A' && x <= 'Z') x += 32;
            if (y >= 'A' && y <= 'Z') y += 32;
            if (x != y) return false;
        }
        return true;
    }

    @Override
    @Async
    public int readdir(long cookie, DirSink sink) {
        if (!isDir()) return -Errno.ENOTDIR;
        int r = load();
        if (r < 0) return r;
        for (long i = Math.max(0, cookie); i < entries.size(); i++) {
            Entry e = entries.get((int) i);
            int type = (e.attr & DirEntryDecoder.ATTR_DIRECTORY) != 0 ? FileMode.DT_DIR : FileMode.DT_REG;
            if (!sink.accept(e.ino, type, e.name, i + 1)) return 0;
        }
        return 0;
    }

    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        if (isDir()) return -Errno.EISDIR;
        if (pos >= size || len == 0) return 0;
        int n = (int) Math.min(len, size - pos);
        int cs = ffs.boot.clusterSize;
        long index = pos / cs;
        long c;
        long from;
        if (cursorIndex >= 0 && cursorIndex <= index) {
            c = cursorCluster;
            from = cursorIndex;
        } else {
            c = firstCluster;
            from = 0;
        }
        for (long i = from; i < index; i++) {
            if (i - from > ffs.boot.clusterCount) return -Errno.EUCLEAN;
            long next = ffs.next(c);
            if (next < 0) return (int) next;
            if (next == FatFs.END_OF_CHAIN) return -Errno.EUCLEAN;
            c = next;
        }
        int done = 0;
        while (done < n) {
            if (!ffs.validCluster(c)) return done > 0 ? done : -Errno.EUCLEAN;
            cursorIndex = index;
            cursorCluster = c;
            int within = (int) ((pos + done) % cs);
            int chunk = Math.min(n - done, cs - within);
            int r = ffs.dev.read(ffs.clusterPosition(c) + within, buf, off + done, chunk);
            if (r < 0) return done > 0 ? done : r;
            done += chunk;
            if (done < n) {
                long next = ffs.next(c);
                if (next < 0 || next == FatFs.END_OF_CHAIN) return done > 0 ? done : -Errno.EUCLEAN;
                c = next;
                index++;
            }
        }
        return n;
    }

    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) {
        return -Errno.EROFS;
    }
}
