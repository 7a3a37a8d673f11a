package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.PathWalker;
import lichen.kernel.exec.ByteStrings;
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
        return Result.ok(ByteStrings.text(bytes));
    }
}
