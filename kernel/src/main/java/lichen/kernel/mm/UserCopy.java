package lichen.kernel.mm;

import lichen.api.Async;
import lichen.api.Syscall;
import lichen.api.Unsafe;
import lichen.arch.aarch64.StackContinuations;
import lichen.arch.aarch64.UserMemory;
import lichen.libkernel.Errno;

/**
 * Copies between a system call's kernel buffers and its caller's user memory:
 * the only way kernel code reaches a user address. When {@code mm} is the space
 * installed in TTBR0, the fast path goes first: arch's {@link UserMemory}, whose
 * LDTR/STTR check EL0's permissions and whose faults resume at an exception-table
 * fixup; a demand-zero page is made present inside the fault. Where it stops (a
 * page that must be read from its file, which may sleep; no area; a space not
 * installed) the rest goes page by page through {@link UserTableWalk}, which is
 * {@code @Async} and fills file pages, and only then is the answer -EFAULT
 * (man 2 intro: "Bad address"). A bad pointer never crashes the kernel.
 */
@Unsafe
public final class UserCopy {
    private static final long PAGE = UserAddressSpace.PAGE;
    private static final long USER_END = 1L << 48;

    private UserCopy() {}

    /** Copies {@code len} bytes at user {@code src} into {@code dst[off..]}: 0 or -EFAULT. */
    @Async
    public static int copyIn(UserAddressSpace mm, long src, byte[] dst, int off, int len) {
        if (len < 0 || !inUserHalf(src, len)) return -Errno.EFAULT;
        checkRange(dst.length, off, len);
        long buffer = Syscall.addressOf(dst) + off;
        int done = 0;
        while (done < len) {
            if (installed(mm)) done = len - (int) UserMemory.copyIn(mm, buffer + done, src + done, len - done);
            if (done == len) break;
            int n = toPageEnd(src + done, len - done);
            if (UserTableWalk.copyIn(mm, src + done, dst, off + done, n) < 0) return -Errno.EFAULT;
            done += n;
        }
        return 0;
    }

    /** Copies {@code len} bytes of {@code src[off..]} to user {@code dst}: 0 or -EFAULT. */
    @Async
    public static int copyOut(UserAddressSpace mm, long dst, byte[] src, int off, int len) {
        if (len < 0 || !inUserHalf(dst, len)) return -Errno.EFAULT;
        checkRange(src.length, off, len);
        long buffer = Syscall.addressOf(src) + off;
        int done = 0;
        while (done < len) {
            if (installed(mm)) done = len - (int) UserMemory.copyOut(mm, dst + done, buffer + done, len - done);
            if (done == len) break;
            int n = toPageEnd(dst + done, len - done);
            if (UserTableWalk.copyOut(mm, dst + done, src, off + done, n) < 0) return -Errno.EFAULT;
            done += n;
        }
        return 0;
    }

    /** Writes {@code len} zero bytes at user {@code dst}: 0 or -EFAULT. */
    @Async
    public static int clear(UserAddressSpace mm, long dst, long len) {
        if (len < 0 || !inUserHalf(dst, len)) return -Errno.EFAULT;
        long done = 0;
        while (done < len) {
            if (installed(mm)) done = len - UserMemory.clear(mm, dst + done, len - done);
            if (done == len) break;
            long n = toPageEnd(dst + done, Math.min(len - done, PAGE));
            if (UserTableWalk.clear(mm, dst + done, n) < 0) return -Errno.EFAULT;
            done += n;
        }
        return 0;
    }

    /**
     * A NUL-terminated string at user {@code src} of at most {@code max} bytes
     * before the NUL: its length, -EFAULT, or -ENAMETOOLONG when no NUL came within max.
     */
    @Async
    public static int stringLength(UserAddressSpace mm, long src, int max) {
        if (max < 0 || !inUserHalf(src, 1)) return -Errno.EFAULT;
        if (installed(mm)) {
            long limit = Math.min(max + 1L, USER_END - src);
            long n = UserMemory.stringLength(mm, src, limit);
            if (n >= 0 && n < limit) return (int) n;
            if (n == max + 1L) return -Errno.ENAMETOOLONG;
        }
        return UserTableWalk.stringLength(mm, src, max); // a file page, the user half's end, or a fault: the walk decides
    }

    /**
     * Copies the NUL-terminated string at user {@code src} into {@code dst}, NUL
     * included (strncpy_from_user): at most {@code dst.length - 1} bytes before the
     * NUL. Its length, -EFAULT, or -ENAMETOOLONG when no NUL came within {@code dst.length} bytes.
     */
    @Async
    public static int copyString(UserAddressSpace mm, long src, byte[] dst) {
        if (!inUserHalf(src, 1)) return -Errno.EFAULT;
        if (installed(mm)) {
            long limit = Math.min(dst.length, USER_END - src);
            long n = UserMemory.copyString(mm, Syscall.addressOf(dst), src, limit);
            if (n >= 0 && n < limit) return (int) n;
            if (n == dst.length) return -Errno.ENAMETOOLONG;
        }
        return UserTableWalk.copyString(mm, src, dst);
    }

    /** The 8 bytes at user {@code src} (argv and envp pointers, a futex word pair); sets nothing on a fault. */
    @Async
    public static int load64(UserAddressSpace mm, long src, long[] out, int index) {
        if ((src & 7) != 0 || !inUserHalf(src, 8)) return -Errno.EFAULT;
        checkRange(out.length, index, 1);
        if (installed(mm) && UserMemory.copyIn(mm, Syscall.addressOf(out) + 8L * index, src, 8) == 0) return 0;
        return UserTableWalk.load64(mm, src, out, index);
    }

    /** Stores 8 bytes at user {@code dst}: 0 or -EFAULT. */
    @Async
    public static int store64(UserAddressSpace mm, long dst, long value) {
        if ((dst & 7) != 0 || !inUserHalf(dst, 8)) return -Errno.EFAULT;
        if (installed(mm) && UserMemory.store64(mm, dst, value) == 0) return 0;
        return UserTableWalk.store64(mm, dst, value);
    }

    /** Stores 4 bytes at user {@code dst}: 0 or -EFAULT. */
    @Async
    public static int store32(UserAddressSpace mm, long dst, int value) {
        if ((dst & 3) != 0 || !inUserHalf(dst, 4)) return -Errno.EFAULT;
        if (installed(mm) && UserMemory.store32(mm, dst, value) == 0) return 0;
        return UserTableWalk.store32(mm, dst, value);
    }

    /** The 4 bytes at user {@code src} into {@code out[index]}: 0 or -EFAULT. */
    @Async
    public static int load32(UserAddressSpace mm, long src, int[] out, int index) {
        if ((src & 3) != 0 || !inUserHalf(src, 4)) return -Errno.EFAULT;
        checkRange(out.length, index, 1);
        if (installed(mm) && UserMemory.copyIn(mm, Syscall.addressOf(out) + 4L * index, src, 4) == 0) return 0;
        return UserTableWalk.load32(mm, src, out, index);
    }

    /** [addr, addr + len) lies below the user half's end and does not wrap. */
    public static boolean inUserHalf(long addr, long len) {
        return Long.compareUnsigned(addr, USER_END) < 0 && len <= USER_END - addr;
    }

    /** {@code mm} is what TTBR0 translates now, so LDTR/STTR reach it. */
    private static boolean installed(UserAddressSpace mm) { return StackContinuations.installedTranslationTable() == mm.ttbr0(); }

    /** Of {@code len} bytes from {@code addr}, those up to the end of its page. */
    private static int toPageEnd(long addr, long len) { return (int) Math.min(len, PAGE - (addr & (PAGE - 1))); }

    /** The raw copies check what an array access would: {@code [off, off + len)} inside {@code length}. */
    private static void checkRange(int length, int off, int len) {
        if (off < 0 || len < 0 || off > length - len) {
            throw new ArrayIndexOutOfBoundsException("range [" + off + ", " + off + " + " + len + ") of an array of " + length);
        }
    }
}
