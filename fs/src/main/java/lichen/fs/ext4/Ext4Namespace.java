package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.Result;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.Inode;

/**
 * Creating, linking, removing and renaming names on ext2/3/4, and freeing an
 * inode once it has neither names nor open files. Each operation updates the
 * inodes, directory blocks, bitmaps and counts it touches before returning;
 * the superblock and descriptor table are written at sync.
 */
final class Ext4Namespace {
    private static final int LINK_MAX = 65000;

    private Ext4Namespace() {}

    private static int writableDir(Ext4Inode dir) {
        if (!dir.efs.writable) return -Errno.EROFS;
        if (!dir.isDir()) return -Errno.ENOTDIR;
        if (dir.nlink == 0) return -Errno.ENOENT;
        if (dir.inlineData()) return -Errno.EOPNOTSUPP;
        return 0;
    }

    @Async
    private static Result<Ext4Directory.Slot> find(Ext4Inode dir, String name) {
        if ((dir.flags & Features.INODE_INDEX_FL) != 0 && dir.efs.sb.dirIndex()) return HashTree.find(dir, name);
        return Ext4Directory.findLinear(dir, name);
    }

    private static void bumpLinks(Ext4Inode dir, int delta) {
        Ext4Fs fs = dir.efs;
        boolean dirNlink = (fs.sb.roCompat & Features.RO_COMPAT_DIR_NLINK) != 0;
        if (dir.nlink == 1 && dirNlink) return;          // already "many": ext4 dir_nlink keeps 1
        dir.nlink += delta;
        if (dir.nlink >= LINK_MAX && dirNlink) dir.nlink = 1;
    }

    @Async
    static Result<Inode> create(Ext4Inode dir, String name, int mode, int uid, int gid, int rdev, String target) {
        int c = writableDir(dir);
        if (c < 0) return Result.err(c);
        if (name.isEmpty() || name.length() > 255) return Result.err(-Errno.ENAMETOOLONG);
        Ext4Fs fs = dir.efs;
        Result<Ext4Directory.Slot> existing = find(dir, name);
        if (existing.ok()) return Result.err(-Errno.EEXIST);
        if (existing.error != -Errno.ENOENT) return existing.cast();
        boolean isDir = FileMode.isDir(mode);
        boolean dirNlink = (fs.sb.roCompat & Features.RO_COMPAT_DIR_NLINK) != 0;
        if (isDir && !dirNlink && dir.nlink >= LINK_MAX) return Result.err(-Errno.EMLINK);
        long ino = fs.alloc.allocInode(isDir, dir.ino);
        if (ino < 0) return Result.err((int) ino);
        byte[] raw = new byte[fs.sb.inodeSize];
        if (raw.length >= 160) LittleEndian.put16(raw, 0x80, 32);
        Ext4Inode in = new Ext4Inode(fs, ino, raw);
        in.mode = mode;
        in.uid = uid;
        in.gid = gid;
        in.nlink = isDir ? 2 : 1;
        in.generation = (int) (ino * 0x9E3779B1L);
        in.touch(true, true, true);
        in.btimeSec = in.mtimeSec;
        in.btimeNsec = in.mtimeNsec;
        in.hasBirthTime = raw.length >= 160;
        boolean fast = target != null && target.length() < 60;
        boolean device = (mode & FileMode.S_IFMT) == FileMode.S_IFCHR || (mode & FileMode.S_IFMT) == FileMode.S_IFBLK;
        // Only inodes with data blocks carry an extent tree: e2fsck wants device, fifo and socket i_block zero.
        boolean hasData = FileMode.isRegular(mode) || isDir || (target != null && !fast);
        if (fs.sb.extents() && hasData) {
            in.flags |= Features.INODE_EXTENTS_FL;
            ExtentWriter.initRoot(in.iblock);
        }
        if (device) {
            in.rdev = rdev;
            int major = (rdev >>> 8) & 0xFFF, minor = (rdev & 0xFF) | ((rdev >>> 12) & 0xFFF00);
            if (major < 256 && minor < 256) LittleEndian.put32(in.iblock, 0, (major << 8) | minor);
            else LittleEndian.put32(in.iblock, 4, rdev);
        }
        fs.cacheInode(in);
        int r = 0;
        if (isDir) {
            long phys = FileBlocks.mapAlloc(in, 0);
            if (phys < 0) r = (int) phys;
            else {
                in.size = fs.bs;
                r = fs.writeBlock(phys, DirWriter.firstBlock(fs, ino, dir.ino, in.checksumSeed()));
            }
        } else if (target != null) {
            byte[] t = DirBlock.nameBytes(target);
            in.size = t.length;
            if (fast) System.arraycopy(t, 0, in.iblock, 0, t.length);
            else {
                int w = FileBlocks.write(in, 0, t, 0, t.length);
                if (w < 0) r = w;
            }
        }
        if (r >= 0) r = in.store();
        if (r >= 0) r = DirWriter.add(dir, name, ino, Ext4Directory.fileType(mode));
        if (r < 0) {
            in.nlink = 0;
            freeInode(in);
            return Result.err(r);
        }
        if (isDir) bumpLinks(dir, 1);
        dir.touch(true, true, false);
        r = dir.store();
        if (r < 0) return Result.err(r);
        return Result.ok(in);
    }

    @Async
    static int link(Ext4Inode dir, String name, Inode targetInode) {
        int c = writableDir(dir);
        if (c < 0) return c;
        if (!(targetInode instanceof Ext4Inode t) || t.fs != dir.fs) return -Errno.EXDEV;
        if (t.isDir()) return -Errno.EPERM;
        if (t.nlink >= LINK_MAX) return -Errno.EMLINK;
        Result<Ext4Directory.Slot> existing = find(dir, name);
        if (existing.ok()) return -Errno.EEXIST;
        if (existing.error != -Errno.ENOENT) return existing.error;
        int r = DirWriter.add(dir, name, t.ino, Ext4Directory.fileType(t.mode));
        if (r < 0) return r;
        t.nlink++;
        t.touch(false, true, false);
        r = t.store();
        if (r < 0) return r;
        dir.touch(true, true, false);
        return dir.store();
    }

    /** One name of {@code victim} is gone: count it down and free the inode when nothing holds it. */
    @Async
    private static int dropName(Ext4Inode victim) {
        if (victim.isDir()) victim.nlink = 0;
        else if (victim.nlink > 0) victim.nlink--;
        victim.touch(false, true, false);
        if (victim.nlink == 0 && victim.openCount == 0) return freeInode(victim);
        return victim.store();
    }

    @Async
    static int remove(Ext4Inode dir, String name, boolean directory) {
        int c = writableDir(dir);
        if (c < 0) return c;
        Ext4Fs fs = dir.efs;
        Result<Ext4Directory.Slot> s = find(dir, name);
        if (!s.ok()) return s.error;
        Result<Ext4Inode> v = fs.inode(s.value.ino);
        if (!v.ok()) return v.error;
        Ext4Inode victim = v.value;
        if (directory != victim.isDir()) return directory ? -Errno.ENOTDIR : -Errno.EISDIR;
        if (directory) {
            int e = DirWriter.isEmpty(victim);
            if (e < 0) return e;
            if (e == 0) return -Errno.ENOTEMPTY;
        }
        int r = DirWriter.remove(dir, s.value);
        if (r < 0) return r;
        if (directory) bumpLinks(dir, -1);
        dir.touch(true, true, false);
        r = dir.store();
        if (r < 0) return r;
        return dropName(victim);
    }

    @Async
    static int rename(Ext4Inode oldDir, String oldName, Inode newDirInode, String newName) {
        int c = writableDir(oldDir);
        if (c < 0) return c;
        if (!(newDirInode instanceof Ext4Inode newDir) || newDirInode.fs != oldDir.fs) return -Errno.EXDEV;
        c = writableDir(newDir);
        if (c < 0) return c;
        if (newName.isEmpty() || newName.length() > 255) return -Errno.ENAMETOOLONG;
        Ext4Fs fs = oldDir.efs;
        Result<Ext4Directory.Slot> src = find(oldDir, oldName);
        if (!src.ok()) return src.error;
        Result<Ext4Inode> sv = fs.inode(src.value.ino);
        if (!sv.ok()) return sv.error;
        Ext4Inode moving = sv.value;
        Result<Ext4Directory.Slot> dst = find(newDir, newName);
        Ext4Inode replaced = null;
        int r;
        if (dst.ok()) {
            Result<Ext4Inode> dv = fs.inode(dst.value.ino);
            if (!dv.ok()) return dv.error;
            replaced = dv.value;
            if (replaced == moving) return 0;
            if (replaced.isDir()) {
                if (!moving.isDir()) return -Errno.EISDIR;
                int e = DirWriter.isEmpty(replaced);
                if (e < 0) return e;
                if (e == 0) return -Errno.ENOTEMPTY;
            } else if (moving.isDir()) {
                return -Errno.ENOTDIR;
            }
            r = DirWriter.retarget(newDir, dst.value, moving.ino, Ext4Directory.fileType(moving.mode));
        } else if (dst.error == -Errno.ENOENT) {
            r = DirWriter.add(newDir, newName, moving.ino, Ext4Directory.fileType(moving.mode));
        } else {
            return dst.error;
        }
        if (r < 0) return r;
        src = find(oldDir, oldName);               // blocks may have changed when both names share a directory
        if (!src.ok()) return src.error;
        r = DirWriter.remove(oldDir, src.value);
        if (r < 0) return r;
        if (moving.isDir()) {
            if (newDir != oldDir) {
                r = DirWriter.setParent(moving, newDir.ino);
                if (r < 0) return r;
                bumpLinks(oldDir, -1);
                bumpLinks(newDir, 1);
            }
            if (replaced != null) bumpLinks(newDir, -1);
        }
        moving.touch(false, true, false);
        r = moving.store();
        if (r < 0) return r;
        oldDir.touch(true, true, false);
        newDir.touch(true, true, false);
        r = oldDir.store();
        if (r >= 0 && newDir != oldDir) r = newDir.store();
        if (r < 0) return r;
        return replaced != null ? dropName(replaced) : 0;
    }

    /** Frees the data, the xattr block reference and the inode itself (its links are 0, no file is open). */
    @Async
    static int freeInode(Ext4Inode in) {
        Ext4Fs fs = in.efs;
        boolean hasBlocks = FileMode.isRegular(in.mode) || in.isDir() || (FileMode.isSymlink(in.mode) && !in.fastSymlink());
        int r = 0;
        if (hasBlocks && !in.inlineData()) {
            long keepSize = in.size;
            r = FileBlocks.truncate(in, 0);
            if (r < 0) in.size = keepSize;
        }
        if (r >= 0 && in.fileAcl != 0) r = releaseXattrBlock(in);
        if (r < 0) return r;
        boolean dir = in.isDir();
        in.nlink = 0;
        in.size = 0;
        LittleEndian.put32(in.raw, 0x14, Math.max(1, Math.floorDiv(fs.clock.nowNanos(), 1_000_000_000L)));
        r = in.store();
        if (r < 0) return r;
        fs.dropInode(in.ino);
        return fs.alloc.freeInode(in.ino, dir);
    }

    /** Drops this inode's reference to its xattr block, freeing the block with the last reference. */
    @Async
    private static int releaseXattrBlock(Ext4Inode in) {
        Ext4Fs fs = in.efs;
        byte[] b = new byte[fs.bs];
        int r = fs.readBlock(in.fileAcl, b);
        if (r < 0) return r;
        long refs = LittleEndian.u32(b, 4);
        if (LittleEndian.i32(b, 0) == Xattrs.MAGIC && refs > 1) {
            LittleEndian.put32(b, 4, refs - 1);
            if (fs.sb.metadataCsum()) {
                LittleEndian.put32(b, 0x10, 0);
                int c = Crc32c.update(fs.seed, longBytes(in.fileAcl), 0, 8);
                LittleEndian.put32(b, 0x10, Crc32c.update(c, b, 0, fs.bs));
            }
            r = fs.writeBlock(in.fileAcl, b);
        } else {
            r = fs.alloc.freeBlock(in.fileAcl);
            if (r >= 0) in.blocks512 -= fs.bs / 512;
        }
        in.fileAcl = 0;
        return r;
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        LittleEndian.put64(b, 0, v);
        return b;
    }
}
