package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.PathWalker;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * Path names from user memory as the VFS takes them: byte strings, one byte
 * of the name per char (docs/fs.md, "Names"), so any byte sequence passes
 * through unchanged. A name of PATH_MAX bytes or more with no NUL is
 * ENAMETOOLONG and a bad pointer EFAULT, as getname() answers in Linux.
 */
final class UserPaths {
    private UserPaths() {}

    /** The NUL-terminated path at {@code address}. */
    @Async
    static Result<String> read(Process p, long address) {
        int len = UserCopy.stringLength(p.mm(), address, PathWalker.PATH_MAX - 1);
        if (len < 0) return Result.err(len);
        byte[] bytes = new byte[len];
        if (UserCopy.copyIn(p.mm(), address, bytes, 0, len) < 0) return Result.err(-Errno.EFAULT);
        return Result.ok(byteString(bytes, 0, len));
    }

    /** {@code len} bytes as a byte string. */
    static String byteString(byte[] bytes, int off, int len) {
        char[] chars = new char[len];
        for (int i = 0; i < len; i++) chars[i] = (char) (bytes[off + i] & 0xff);
        return new String(chars);
    }

    /** A byte string's bytes (the reverse of {@link #byteString}). */
    static byte[] bytesOf(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) s.charAt(i);
        return b;
    }
}
