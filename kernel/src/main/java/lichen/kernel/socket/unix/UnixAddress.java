package lichen.kernel.socket.unix;

import lichen.fs.Result;
import lichen.kernel.socket.SocketFamilies;
import lichen.libkernel.Errno;

/**
 * A unix socket's name (unix(7), "Address format"): a struct sockaddr_un,
 * sa_family_t sun_family (AF_UNIX) then sun_path[108]. A pathname address
 * is a NUL-terminated filesystem path; an abstract one starts with a NUL and
 * its name is every byte after it up to the address length, NULs included;
 * an unnamed socket's address is sun_family alone.
 */
final class UnixAddress {
    /** offsetof(struct sockaddr_un, sun_path) and sizeof(struct sockaddr_un). */
    static final int PATH_OFFSET = 2, SIZE = 110;

    /** The sockaddr_un as getsockname(2) returns it, {@link #length} bytes. */
    final byte[] bytes;
    final int length;
    /** A pathname address's path; null for an abstract one. */
    final String path;

    private UnixAddress(byte[] bytes, int length, String path) {
        this.bytes = bytes;
        this.length = length;
        this.path = path;
    }

    boolean isAbstract() { return path == null; }

    /**
     * The address in the first {@code len} bytes of {@code a}: EINVAL when
     * it is shorter than sun_family and one byte of name, longer than a
     * sockaddr_un, or of another family. A pathname ends at its first NUL
     * (or at {@code len}) and its length counts that NUL, as Linux keeps it
     * (unix_mkname_bsd); an abstract name is all {@code len} bytes.
     */
    static Result<UnixAddress> parse(byte[] a, int len) {
        if (len <= PATH_OFFSET || len > SIZE || family(a) != SocketFamilies.AF_UNIX) return Result.err(-Errno.EINVAL);
        if (a[PATH_OFFSET] == 0) {
            byte[] b = new byte[len];
            System.arraycopy(a, 0, b, 0, len);
            return Result.ok(new UnixAddress(b, len, null));
        }
        int end = PATH_OFFSET;
        while (end < len && a[end] != 0) end++;
        byte[] b = new byte[end + 1];
        System.arraycopy(a, 0, b, 0, end);
        char[] path = new char[end - PATH_OFFSET];
        for (int i = 0; i < path.length; i++) path[i] = (char) (a[PATH_OFFSET + i] & 0xff);
        return Result.ok(new UnixAddress(b, end + 1, new String(path)));
    }

    static int family(byte[] a) { return (a[0] & 0xff) | (a[1] & 0xff) << 8; }

    /**
     * An autobind name (unix(7), "Autobind feature"): an abstract address of
     * five hexadecimal digits after the NUL, sun_family plus 6 bytes.
     */
    static UnixAddress autobind(int number) {
        byte[] b = new byte[PATH_OFFSET + 6];
        b[0] = (byte) SocketFamilies.AF_UNIX;
        for (int i = 0; i < 5; i++) b[PATH_OFFSET + 5 - i] = (byte) "0123456789abcdef".charAt((number >>> (4 * i)) & 0xf);
        return new UnixAddress(b, b.length, null);
    }

    /** Whether {@code o} is the same abstract name. */
    boolean sameAbstractName(UnixAddress o) {
        if (!isAbstract() || !o.isAbstract() || length != o.length) return false;
        for (int i = PATH_OFFSET; i < length; i++) if (bytes[i] != o.bytes[i]) return false;
        return true;
    }

    /** getsockname(2) and getpeername(2) of an unnamed socket: sun_family alone. */
    static int writeUnnamed(byte[] out) {
        out[0] = (byte) SocketFamilies.AF_UNIX;
        out[1] = 0;
        return PATH_OFFSET;
    }

    /** Writes this address into {@code out}: its length. */
    int write(byte[] out) {
        System.arraycopy(bytes, 0, out, 0, length);
        return length;
    }
}
