package lichen.fs.procfs;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.ObjectList;
import lichen.fs.Result;
import lichen.fs.vfs.DirSink;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.Inode;

/**
 * A /proc directory, generated file or symbolic link. A file's text is
 * rendered when read at offset 0 and kept for the reads that follow, so a
 * reader sees one consistent snapshot; its size shows as 0, as on Linux.
 */
public final class ProcNode extends Inode {
    private final GeneratedFs pfs;
    private final ObjectList<ProcNode> children;
    private final ObjectList<String> names;
    ProcNode parent;
    private final ProcContent content;
    private final ProcContent linkTarget;
    private ProcRefresh refresh;
    private String snapshot;

    ProcNode(GeneratedFs fs, long ino, int mode, ProcContent content, ProcContent linkTarget) {
        super(fs, ino);
        this.pfs = fs;
        this.mode = mode;
        this.content = content;
        this.linkTarget = linkTarget;
        this.nlink = FileMode.isDir(mode) ? 2 : 1;
        this.children = FileMode.isDir(mode) ? new ObjectList<>() : null;
        this.names = FileMode.isDir(mode) ? new ObjectList<>() : null;
        touch(true, true, true); // Linux's /proc inodes carry the time they were made
    }

    private int find(String name) {
        for (int i = 0; i < names.size(); i++) if (names.get(i).equals(name)) return i;
        return -1;
    }

    /** The child directory {@code name}, made when missing. */
    public ProcNode dir(String name) {
        int i = find(name);
        if (i >= 0) return children.get(i);
        ProcNode n = new ProcNode(pfs, pfs.nextIno(), FileMode.S_IFDIR | 0555, null, null);
        add(name, n);
        nlink++;
        return n;
    }

    /** Adds (or replaces) a generated file. */
    public ProcNode file(String name, int perm, ProcContent c) {
        remove(name);
        ProcNode n = new ProcNode(pfs, pfs.nextIno(), FileMode.S_IFREG | perm, c, null);
        add(name, n);
        return n;
    }

    /** Adds (or replaces) a symbolic link whose target is generated at readlink time. */
    public ProcNode symlink(String name, ProcContent target) {
        remove(name);
        ProcNode n = new ProcNode(pfs, pfs.nextIno(), FileMode.S_IFLNK | 0777, null, target);
        add(name, n);
        return n;
    }

    /**
     * Makes this a directory whose entries change (a process's fd/ and
     * task/): {@code r} brings them up to date before each lookup and each
     * readdir from the start.
     */
    public void setRefresh(ProcRefresh r) { refresh = r; }

    public int childCount() { return children.size(); }

    public String childName(int i) { return names.get(i); }

    /** Removes the {@code i}th child. */
    public void removeChild(int i) { remove(names.get(i)); }

    /**
     * Adds a directory named by the number {@code n} among children named by
     * numbers, in ascending order as Linux lists fd/ and task/.
     */
    public ProcNode numberedDir(int n) {
        ProcNode d = new ProcNode(pfs, pfs.nextIno(), FileMode.S_IFDIR | 0555, null, null);
        insertNumbered(n, d);
        nlink++;
        return d;
    }

    /** Adds a symbolic link named by the number {@code n}, in ascending order among numbered children. */
    public ProcNode numberedSymlink(int n, int perm, ProcContent target) {
        ProcNode l = new ProcNode(pfs, pfs.nextIno(), FileMode.S_IFLNK | perm, null, target);
        insertNumbered(n, l);
        return l;
    }

    /** Adds a file named by the number {@code n}, in ascending order among numbered children. */
    public ProcNode numberedFile(int n, int perm, ProcContent c) {
        ProcNode f = new ProcNode(pfs, pfs.nextIno(), FileMode.S_IFREG | perm, c, null);
        insertNumbered(n, f);
        return f;
    }

    /** The index of the child named by the number {@code n}, or -1 (no name is allocated to look). */
    public int findNumbered(int n) {
        for (int i = 0; i < names.size(); i++) if (number(names.get(i)) == n) return i;
        return -1;
    }

    /** The number a child's name spells, or -1 when it is not a decimal number. */
    public static int number(String name) {
        if (name.isEmpty() || name.length() > 9) return -1;
        int v = 0;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < '0' || ch > '9') return -1;
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private void insertNumbered(int n, ProcNode node) {
        node.parent = this;
        int at = names.size();
        for (int i = 0; i < names.size(); i++) {
            if (number(names.get(i)) > n) {
                at = i;
                break;
            }
        }
        String name = Integer.toString(n);
        children.add(node);
        names.add(name);
        for (int i = names.size() - 1; i > at; i--) { // shift the later ones up one place
            children.set(i, children.get(i - 1));
            names.set(i, names.get(i - 1));
        }
        children.set(at, node);
        names.set(at, name);
    }

    /** Removes a child (a process's directory when it is reaped). */
    public void remove(String name) {
        int i = find(name);
        if (i < 0) return;
        ProcNode n = children.get(i);
        if (n.isDir()) nlink--;
        n.nlink = 0;
        children.removeAt(i);
        names.removeAt(i);
    }

    private void add(String name, ProcNode n) {
        n.parent = this;
        children.add(n);
        names.add(name);
    }

    @Override
    @Async
    public Result<Inode> lookup(String name) {
        if (!isDir()) return Result.err(-Errno.ENOTDIR);
        if (name.equals(".")) return Result.ok(this);
        if (name.equals("..")) return Result.ok(parent);
        if (refresh != null) refresh.refresh(this);
        int i = find(name);
        return i < 0 ? Result.err(-Errno.ENOENT) : Result.ok(children.get(i));
    }

    @Override
    @Async
    public int readdir(long cookie, DirSink sink) {
        if (!isDir()) return -Errno.ENOTDIR;
        if (refresh != null && cookie <= 0) refresh.refresh(this);
        for (long i = Math.max(0, cookie); i < children.size(); i++) {
            ProcNode n = children.get((int) i);
            if (!sink.accept(n.ino, FileMode.dtype(n.mode), names.get((int) i), i + 1)) return 0;
        }
        return 0;
    }

    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        if (content == null) return super.read(pos, buf, off, len);
        if (pos == 0 || snapshot == null) {
            StringBuilder sb = new StringBuilder();
            content.render(sb);
            snapshot = sb.toString();
        }
        if (pos >= snapshot.length()) return 0;
        int n = (int) Math.min(len, snapshot.length() - pos);
        for (int i = 0; i < n; i++) buf[off + i] = (byte) snapshot.charAt((int) pos + i);
        return n;
    }

    @Override
    @Async
    public Result<String> readlink() {
        if (linkTarget == null) return Result.err(-Errno.EINVAL);
        StringBuilder sb = new StringBuilder();
        linkTarget.render(sb);
        return Result.ok(sb.toString());
    }
}
