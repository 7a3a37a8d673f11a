package lichen.usertest;

import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;

/**
 * Pipes, and through them a view of raw memory: write(2) from an address
 * into a pipe and read(2) back into a byte array shows what the memory holds,
 * and the reverse stores into it, with the kernel's own checks on the
 * address (EFAULT for an unmapped or inaccessible page). usertest has no
 * load/store intrinsics of its own.
 */
public final class Pipes {
    private Pipes() {}

    /** A new pipe (read end, write end) with O_CLOEXEC, or null with the failure recorded. */
    public static int[] open(Check c) {
        int[] fds = new int[2];
        if (!c.succeeded(Linux.pipe2(fds, Fcntl.O_CLOEXEC), "pipe2")) {
            return null;
        }
        return fds;
    }

    public static void close(int[] fds) {
        Linux.close(fds[0]);
        Linux.close(fds[1]);
    }

    /** {@code len} bytes at {@code address} (at most a pipe's 64 KiB), or null with the failure recorded. */
    public static byte[] peek(Check c, long address, int len) {
        int[] p = open(c);
        if (p == null) {
            return null;
        }
        byte[] out = null;
        long w = Linux.write(p[1], address, len);
        if (c.returned(len, w, "write(pipe, 0x" + Long.toHexString(address) + ", " + len + ")")) {
            byte[] buf = new byte[len];
            if (c.returned(len, Files.readFully(p[0], buf, len), "read(pipe)")) {
                out = buf;
            }
        }
        close(p);
        return out;
    }

    /** Stores {@code data} at {@code address}: the result of read(2) into it, or a negative errno. */
    public static long poke(Check c, long address, byte[] data) {
        int[] p = open(c);
        if (p == null) {
            return -1;
        }
        long r = Linux.write(p[1], data, 0, data.length);
        if (c.returned(data.length, r, "write(pipe)")) {
            r = Linux.read(p[0], address, data.length);
        }
        close(p);
        return r;
    }
}
