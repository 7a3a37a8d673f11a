package lichen.kernel.mm;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.libkernel.Errno;
import lichen.libkernel.mm.Prot;

/**
 * User memory reached by walking an address space's tables in software: each
 * page is checked against its area's permissions, filled on demand when absent
 * (from its file too: this is {@code @Async}), and reached through the linear
 * map, so it works for any space, installed or not, and never faults. UserCopy
 * uses it where its fast path (LDTR/STTR, arch's UserMemory) stops: a file page
 * to read, a space not in TTBR0 (a forked child's); ptrace and /proc/PID/mem will
 * use it directly. A range no area allows is -EFAULT (man 2 intro: "Bad address").
 */
@Unsafe
public final class UserTableWalk {
    private static final long PAGE = UserAddressSpace.PAGE;

    private UserTableWalk() {}

    /** Copies {@code len} bytes at user {@code src} into {@code dst[off..]}: 0 or -EFAULT. */
    @Async
    public static int copyIn(UserAddressSpace mm, long src, byte[] dst, int off, int len) {
        if (len < 0 || !inUserHalf(src, len)) return -Errno.EFAULT;
        int done = 0;
        while (done < len) {
            long va = src + done;
            long pa = mm.fault(va, Prot.READ);
            if (pa < 0) return -Errno.EFAULT;
            int n = (int) Math.min(len - done, PAGE - (va & (PAGE - 1)));
            Mem.copyToArray(pa, dst, off + done, n);
            done += n;
        }
        return 0;
    }

    /** Copies {@code len} bytes of {@code src[off..]} to user {@code dst}: 0 or -EFAULT. */
    @Async
    public static int copyOut(UserAddressSpace mm, long dst, byte[] src, int off, int len) {
        if (len < 0 || !inUserHalf(dst, len)) return -Errno.EFAULT;
        int done = 0;
        while (done < len) {
            long va = dst + done;
            long pa = mm.fault(va, Prot.WRITE);
            if (pa < 0) return -Errno.EFAULT;
            int n = (int) Math.min(len - done, PAGE - (va & (PAGE - 1)));
            Mem.copyFromArray(src, off + done, pa, n);
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
            long va = dst + done;
            long pa = mm.fault(va, Prot.WRITE);
            if (pa < 0) return -Errno.EFAULT;
            long n = Math.min(len - done, PAGE - (va & (PAGE - 1)));
            Mem.zero(pa, n);
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
        for (int i = 0; i <= max; i++) {
            long va = src + i;
            if (!inUserHalf(va, 1)) return -Errno.EFAULT;
            long pa = mm.fault(va, Prot.READ);
            if (pa < 0) return -Errno.EFAULT;
            if (Mem.load8(pa) == 0) return i;
        }
        return -Errno.ENAMETOOLONG;
    }

    /** UserCopy.copyString's work: the NUL-terminated string at {@code src} into {@code dst}; its length, -EFAULT or -ENAMETOOLONG. */
    @Async
    public static int copyString(UserAddressSpace mm, long src, byte[] dst) {
        for (int i = 0; i < dst.length; i++) {
            long va = src + i;
            if (!inUserHalf(va, 1)) return -Errno.EFAULT;
            long pa = mm.fault(va, Prot.READ);
            if (pa < 0) return -Errno.EFAULT;
            byte b = (byte) Mem.load8(pa);
            dst[i] = b;
            if (b == 0) return i;
        }
        return -Errno.ENAMETOOLONG;
    }

    /** The 8 bytes at user {@code src} (argv and envp pointers, a futex word pair); sets nothing on a fault. */
    @Async
    public static int load64(UserAddressSpace mm, long src, long[] out, int index) {
        if ((src & 7) != 0 || !inUserHalf(src, 8)) return -Errno.EFAULT;
        long pa = mm.fault(src, Prot.READ);
        if (pa < 0) return -Errno.EFAULT;
        out[index] = Mem.load64(pa);
        return 0;
    }

    /** Stores 8 bytes at user {@code dst}: 0 or -EFAULT. */
    @Async
    public static int store64(UserAddressSpace mm, long dst, long value) {
        if ((dst & 7) != 0 || !inUserHalf(dst, 8)) return -Errno.EFAULT;
        long pa = mm.fault(dst, Prot.WRITE);
        if (pa < 0) return -Errno.EFAULT;
        Mem.store64(pa, value);
        return 0;
    }

    /** Stores 4 bytes at user {@code dst}: 0 or -EFAULT. */
    @Async
    public static int store32(UserAddressSpace mm, long dst, int value) {
        if ((dst & 3) != 0 || !inUserHalf(dst, 4)) return -Errno.EFAULT;
        long pa = mm.fault(dst, Prot.WRITE);
        if (pa < 0) return -Errno.EFAULT;
        Mem.store32(pa, value);
        return 0;
    }

    /** The 4 bytes at user {@code src} into {@code out[index]}: 0 or -EFAULT. */
    @Async
    public static int load32(UserAddressSpace mm, long src, int[] out, int index) {
        if ((src & 3) != 0 || !inUserHalf(src, 4)) return -Errno.EFAULT;
        long pa = mm.fault(src, Prot.READ);
        if (pa < 0) return -Errno.EFAULT;
        out[index] = Mem.load32(pa);
        return 0;
    }

    private static boolean inUserHalf(long addr, long len) { return UserCopy.inUserHalf(addr, len); }
}
