package lichen.fs.tool;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import lichen.api.HostOnly;
import lichen.fs.Errno;
import lichen.fs.Result;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Stat;

/**
 * scripts/fsimg: looks into and changes ext2/3/4 and FAT32 images with
 * Lichen's drivers.
 * <pre>
 *   fsimg IMAGE ls|cat|stat|tree PATH
 *   fsimg IMAGE write PATH &lt; data
 *   fsimg IMAGE mkdir PATH
 *   fsimg IMAGE rm PATH
 * </pre>
 */
@HostOnly
public final class Fsimg {
    private Fsimg() {}

    public static void main(String[] args) throws IOException {
        boolean write = args.length > 1 && args[1].equals("write");
        System.exit(run(args, write ? System.in.readAllBytes() : new byte[0], System.out, System.err));
    }

    /** Runs one command; returns the exit status (0 ok, 1 error, 2 usage). */
    public static int run(String[] args, byte[] stdin, PrintStream out, PrintStream err) throws IOException {
        if (args.length != 3) {
            err.println("usage: fsimg IMAGE ls|cat|stat|tree|write|mkdir|rm PATH");
            return 2;
        }
        String cmd = args[1];
        String path = ImageSession.bytes(args[2]);
        boolean writes = cmd.equals("write") || cmd.equals("mkdir") || cmd.equals("rm");
        ImageSession s;
        try {
            s = ImageSession.open(Path.of(args[0]), writes);
        } catch (RuntimeException e) {
            err.println("fsimg: " + e.getMessage());
            return 1;
        }
        int r;
        try (s) {
            r = switch (cmd) {
                case "ls" -> ls(s, path, out);
                case "cat" -> cat(s, path, out);
                case "stat" -> stat(s, path, out);
                case "tree" -> tree(s, path, "", out);
                case "write" -> write(s, path, stdin);
                case "mkdir" -> s.vfs.mkdirat(s.ctx, OpenFlags.AT_FDCWD, path, 0755);
                case "rm" -> rm(s, path);
                default -> -Errno.EINVAL;
            };
        }
        out.flush();
        if (r < 0) {
            err.println("fsimg: " + args[2] + ": " + Errno.name(r));
            return 1;
        }
        return 0;
    }

    private static int rm(ImageSession s, String path) {
        int r = s.vfs.unlinkat(s.ctx, OpenFlags.AT_FDCWD, path, 0);
        if (r == -Errno.EISDIR) r = s.vfs.unlinkat(s.ctx, OpenFlags.AT_FDCWD, path, OpenFlags.AT_REMOVEDIR);
        return r;
    }

    private static int write(ImageSession s, String path, byte[] data) {
        Result<OpenFile> f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, path,
                OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644);
        if (!f.ok()) return f.error;
        int off = 0;
        while (off < data.length) {
            int n = f.value.write(data, off, Math.min(1 << 20, data.length - off));
            if (n < 0) {
                f.value.close();
                return n;
            }
            off += n;
        }
        return f.value.close();
    }

    private static void print(PrintStream out, String byteString) {
        for (int i = 0; i < byteString.length(); i++) out.write(byteString.charAt(i));
    }

    /** The entries of a directory (name order as stored), each with type letter, mode, links, size. */
    static int listNames(ImageSession s, String path, java.util.List<String> names) {
        Result<OpenFile> f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
        if (!f.ok()) return f.error;
        byte[] buf = new byte[32768];
        while (true) {
            int n = s.vfs.getdents64(s.ctx, f.value, buf, 0, buf.length);
            if (n < 0) {
                f.value.close();
                return n;
            }
            if (n == 0) break;
            for (int p = 0; p < n; ) {
                int rec = (buf[p + 16] & 0xFF) | (buf[p + 17] & 0xFF) << 8;
                int end = p + 19;
                while (buf[end] != 0) end++;
                char[] c = new char[end - p - 19];
                for (int i = 0; i < c.length; i++) c[i] = (char) (buf[p + 19 + i] & 0xFF);
                String name = new String(c);
                if (!name.equals(".") && !name.equals("..")) names.add(name);
                p += rec;
            }
        }
        return f.value.close();
    }

    private static String line(ImageSession s, String path, String name) {
        Result<Stat> st = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, path, OpenFlags.AT_SYMLINK_NOFOLLOW);
        if (!st.ok()) return "?         " + name + "  (" + Errno.name(st.error) + ")";
        Stat t = st.value;
        String kind = kindLetter(t.mode);
        String text = kind + String.format("%04o %3d %5d %5d %12d  ", t.mode & 07777, t.nlink, t.uid, t.gid, t.size) + name;
        if (FileMode.isSymlink(t.mode)) {
            Result<String> target = s.vfs.readlinkat(s.ctx, OpenFlags.AT_FDCWD, path);
            text += " -> " + (target.ok() ? target.value : Errno.name(target.error));
        }
        return text;
    }

    private static String kindLetter(int mode) {
        return switch (mode & FileMode.S_IFMT) {
            case FileMode.S_IFDIR -> "d";
            case FileMode.S_IFLNK -> "l";
            case FileMode.S_IFCHR -> "c";
            case FileMode.S_IFBLK -> "b";
            case FileMode.S_IFIFO -> "p";
            case FileMode.S_IFSOCK -> "s";
            default -> "-";
        };
    }

    private static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static int ls(ImageSession s, String path, PrintStream out) {
        Result<Stat> st = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, path, 0);
        if (!st.ok()) return st.error;
        if (!FileMode.isDir(st.value.mode)) {
            print(out, line(s, path, path));
            out.println();
            return 0;
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        int r = listNames(s, path, names);
        if (r < 0) return r;
        java.util.Collections.sort(names);
        for (String n : names) {
            print(out, line(s, join(path, n), n));
            out.println();
        }
        return 0;
    }

    private static int tree(ImageSession s, String path, String indent, PrintStream out) {
        java.util.List<String> names = new java.util.ArrayList<>();
        if (indent.isEmpty()) {
            print(out, path);
            out.println();
        }
        int r = listNames(s, path, names);
        if (r < 0) return r;
        java.util.Collections.sort(names);
        for (String n : names) {
            String child = join(path, n);
            Result<Stat> st = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, child, OpenFlags.AT_SYMLINK_NOFOLLOW);
            print(out, indent + "  " + n + (st.ok() && FileMode.isDir(st.value.mode) ? "/" : ""));
            if (st.ok() && FileMode.isSymlink(st.value.mode)) {
                Result<String> t = s.vfs.readlinkat(s.ctx, OpenFlags.AT_FDCWD, child);
                if (t.ok()) print(out, " -> " + t.value);
            }
            out.println();
            if (st.ok() && FileMode.isDir(st.value.mode)) {
                r = tree(s, child, indent + "  ", out);
                if (r < 0) return r;
            }
        }
        return 0;
    }

    private static int cat(ImageSession s, String path, OutputStream out) throws IOException {
        Result<OpenFile> f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, path, OpenFlags.O_RDONLY, 0);
        if (!f.ok()) return f.error;
        byte[] buf = new byte[1 << 20];
        while (true) {
            int n = f.value.read(buf, 0, buf.length);
            if (n < 0) {
                f.value.close();
                return n;
            }
            if (n == 0) break;
            out.write(buf, 0, n);
        }
        return f.value.close();
    }

    private static int stat(ImageSession s, String path, PrintStream out) {
        Result<Stat> st = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, path, OpenFlags.AT_SYMLINK_NOFOLLOW);
        if (!st.ok()) return st.error;
        Stat t = st.value;
        out.print("  File: ");
        print(out, path);
        out.println();
        out.printf("  Size: %d  Blocks: %d  IO Block: %d  Type: %s%n", t.size, t.blocks, t.blksize, kindLetter(t.mode));
        out.printf("Inode: %d  Links: %d  Mode: %04o  Uid: %d  Gid: %d%n", t.ino, t.nlink, t.mode & 07777, t.uid, t.gid);
        out.printf("Access: %d.%09d%nModify: %d.%09d%nChange: %d.%09d%n", t.atimeSec, t.atimeNsec, t.mtimeSec,
                t.mtimeNsec, t.ctimeSec, t.ctimeNsec);
        if ((t.statxMask & Stat.STATX_BTIME) != 0) out.printf(" Birth: %d.%09d%n", t.btimeSec, t.btimeNsec);
        if (FileMode.isSymlink(t.mode)) {
            Result<String> target = s.vfs.readlinkat(s.ctx, OpenFlags.AT_FDCWD, path);
            if (target.ok()) {
                out.print(" Target: ");
                print(out, target.value);
                out.println();
            }
        }
        var res = s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, path, OpenFlags.AT_SYMLINK_NOFOLLOW);
        if (res.ok()) {
            Result<String[]> names = res.value.inode().listxattr();
            if (names.ok()) {
                for (String n : names.value) {
                    Result<byte[]> v = res.value.inode().getxattr(n);
                    out.print(" Xattr: ");
                    print(out, n);
                    out.print("=");
                    if (v.ok()) out.write(v.value, 0, v.value.length);
                    out.println();
                }
            }
        }
        return 0;
    }

}
