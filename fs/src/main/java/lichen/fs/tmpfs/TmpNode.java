package lichen.fs.tmpfs;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LongObjectMap;
import lichen.fs.ObjectList;
import lichen.fs.Result;
import lichen.fs.vfs.DirSink;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.Inode;

/** A tmpfs file, directory, symbolic link or device node. */
final class TmpNode extends Inode {
    private static final int PAGE = 4096;

    /** A directory entry; {@code seq} orders entries and is the readdir cookie. */
    private static final class Entry {
        final String name;
        final TmpNode node;
        final long seq;

        Entry(String name, TmpNode node, long seq) {
            this.name = name;
            this.node = node;
            this.seq = seq;
        }
    }

    private final TmpFs tfs;
    private ObjectList<Entry> entries;
    private long nextSeq;
    TmpNode parent;
    private LongObjectMap<byte[]> pages;
    private String target;

    TmpNode(TmpFs fs, long ino, int mode, int uid, int gid, String target) {
        super(fs, ino);
        this.tfs = fs;
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
        this.target = target;
        if (isDir()) {
            entries = new ObjectList<>();
            nlink = 2;
            size = directorySize();
        } else {
            nlink = 1;
            if (FileMode.isRegular(mode)) pages = new LongObjectMap<>();
            if (target != null) size = target.length();
        }
        touch(true, true, true);
        btimeSec = mtimeSec;
        btimeNsec = mtimeNsec;
        hasBirthTime = true;
    }

    private int find(String name) {
        for (int i = 0; i < entries.size(); i++) if (entries.get(i).name.equals(name)) return i;
        return -1;
    }

    /**
     * A directory's st_size as Linux's tmpfs gives it (mm/shmem.c): 20 bytes
     * (BOGO_DIRENT_SIZE) for each entry and for "." and "..".
     */
    private long directorySize() { return (entries.size() + 2) * 20L; }

    private void addEntry(String name, TmpNode node) {
        entries.add(new Entry(name, node, nextSeq++));
        size = directorySize();
    }

    @Override
    @Async
    public Result<Inode> lookup(String name) {
        if (!isDir()) return Result.err(-Errno.ENOTDIR);
        if (name.equals(".")) return Result.ok(this);
        if (name.equals("..")) return Result.ok(parent);
        int i = find(name);
        return i < 0 ? Result.err(-Errno.ENOENT) : Result.ok(entries.get(i).node);
    }

    @Override
    @Async
    public int readdir(long cookie, DirSink sink) {
        if (!isDir()) return -Errno.ENOTDIR;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.seq < cookie) continue;
            if (!sink.accept(e.node.ino, FileMode.dtype(e.node.mode), e.name, e.seq + 1)) return 0;
        }
        return 0;
    }

    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        if (pages == null) return super.read(pos, buf, off, len);
        if (pos >= size) return 0;
        int n = (int) Math.min(len, size - pos);
        int done = 0;
        while (done < n) {
            long p = pos + done;
            int within = (int) (p % PAGE);
            int c = Math.min(n - done, PAGE - within);
            byte[] page = pages.get(p / PAGE);
            if (page == null) for (int i = 0; i < c; i++) buf[off + done + i] = 0;
            else System.arraycopy(page, within, buf, off + done, c);
            done += c;
        }
        touch(false, false, true);
        return n;
    }

    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) {
        if (pages == null) return super.write(pos, buf, off, len);
        if (pos + len < pos || pos + len > Long.MAX_VALUE / 2) return -Errno.EFBIG;
        int done = 0;
        while (done < len) {
            long p = pos + done;
            int within = (int) (p % PAGE);
            int c = Math.min(len - done, PAGE - within);
            byte[] page = pages.get(p / PAGE);
            if (page == null) {
                if ((tfs.usedPages + 1) * PAGE > tfs.capacity) break;
                page = new byte[PAGE];
                pages.put(p / PAGE, page);
                tfs.usedPages++;
                blocks512 += PAGE / 512;
            }
            System.arraycopy(buf, off + done, page, within, c);
            done += c;
        }
        if (done == 0 && len > 0) return -Errno.ENOSPC;
        if (pos + done > size) size = pos + done;
        touch(true, true, false);
        return done;
    }

    @Override
    @Async
    public int truncate(long newSize) {
        if (pages == null) return super.truncate(newSize);
        if (newSize < size) {
            long firstGone = (newSize + PAGE - 1) / PAGE;
            long[] keys = pages.keys();
            for (long k : keys) {
                if (k >= firstGone) {
                    pages.remove(k);
                    tfs.usedPages--;
                    blocks512 -= PAGE / 512;
                }
            }
            byte[] last = pages.get(newSize / PAGE);
            if (last != null) for (int i = (int) (newSize % PAGE); i < PAGE; i++) last[i] = 0;
        }
        size = newSize;
        return 0;
    }

    @Override
    @Async
    public Result<Inode> create(String name, int mode, int uid, int gid, int rdev) {
        if (!isDir()) return Result.err(-Errno.ENOTDIR);
        if (find(name) >= 0) return Result.err(-Errno.EEXIST);
        TmpNode n = new TmpNode(tfs, tfs.allocateIno(), mode, uid, gid, null);
        n.rdev = rdev;
        if (n.isDir()) {
            n.parent = this;
            nlink++;
        }
        addEntry(name, n);
        touch(true, true, false);
        return Result.ok(n);
    }

    @Override
    @Async
    public Result<Inode> symlink(String name, String linkTarget, int uid, int gid) {
        if (!isDir()) return Result.err(-Errno.ENOTDIR);
        if (find(name) >= 0) return Result.err(-Errno.EEXIST);
        TmpNode n = new TmpNode(tfs, tfs.allocateIno(), FileMode.S_IFLNK | 0777, uid, gid, linkTarget);
        addEntry(name, n);
        touch(true, true, false);
        return Result.ok(n);
    }

    @Override
    @Async
    public Result<String> readlink() {
        return target == null ? Result.err(-Errno.EINVAL) : Result.ok(target);
    }

    @Override
    @Async
    public int link(String name, Inode t) {
        if (!isDir()) return -Errno.ENOTDIR;
        if (!(t instanceof TmpNode node) || t.fs != fs) return -Errno.EXDEV;
        if (find(name) >= 0) return -Errno.EEXIST;
        node.nlink++;
        node.touch(false, true, false);
        addEntry(name, node);
        touch(true, true, false);
        return 0;
    }

    /** Drops one name of {@code n}; its data goes when no name and no open file remain. */
    @Async
    private void dropLink(TmpNode n) {
        if (n.isDir()) {
            n.nlink = 0;
            nlink--;
        } else {
            n.nlink--;
        }
        n.touch(false, true, false);
        if (n.nlink == 0 && n.openCount == 0) n.release();
    }

    @Override
    @Async
    public int unlink(String name) {
        if (!isDir()) return -Errno.ENOTDIR;
        int i = find(name);
        if (i < 0) return -Errno.ENOENT;
        TmpNode n = entries.get(i).node;
        if (n.isDir()) return -Errno.EISDIR;
        entries.removeAt(i);
        size = directorySize();
        touch(true, true, false);
        dropLink(n);
        return 0;
    }

    @Override
    @Async
    public int rmdir(String name) {
        if (!isDir()) return -Errno.ENOTDIR;
        int i = find(name);
        if (i < 0) return -Errno.ENOENT;
        TmpNode n = entries.get(i).node;
        if (!n.isDir()) return -Errno.ENOTDIR;
        if (!n.entries.isEmpty()) return -Errno.ENOTEMPTY;
        entries.removeAt(i);
        size = directorySize();
        touch(true, true, false);
        dropLink(n);
        return 0;
    }

    @Override
    @Async
    public int rename(String oldName, Inode newDirInode, String newName) {
        if (!isDir()) return -Errno.ENOTDIR;
        if (!(newDirInode instanceof TmpNode newDir) || newDirInode.fs != fs) return -Errno.EXDEV;
        int i = find(oldName);
        if (i < 0) return -Errno.ENOENT;
        TmpNode n = entries.get(i).node;
        int j = newDir.find(newName);
        if (j >= 0) {
            TmpNode old = newDir.entries.get(j).node;
            if (old == n) return 0;
            if (old.isDir()) {
                if (!n.isDir()) return -Errno.EISDIR;
                if (!old.entries.isEmpty()) return -Errno.ENOTEMPTY;
            } else if (n.isDir()) {
                return -Errno.ENOTDIR;
            }
            newDir.entries.removeAt(j);
            newDir.dropLink(old);
        }
        i = find(oldName);
        entries.removeAt(i);
        size = directorySize();
        newDir.addEntry(newName, n);
        if (n.isDir() && newDir != this) {
            nlink--;
            newDir.nlink++;
            n.parent = newDir;
        }
        n.touch(false, true, false);
        touch(true, true, false);
        newDir.touch(true, true, false);
        return 0;
    }

    @Override
    @Async
    public int writeAttributes() {
        return 0;
    }

    @Override
    @Async
    public int release() {
        if (nlink == 0 && pages != null) {
            tfs.usedPages -= pages.size();
            pages.clear();
            blocks512 = 0;
        }
        return 0;
    }
}
