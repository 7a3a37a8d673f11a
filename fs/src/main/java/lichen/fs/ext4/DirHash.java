package lichen.fs.ext4;

/**
 * The directory-index name hashes (ext4 disk layout, "Hash Tree
 * Directories"): legacy, half-MD4 and TEA, each in a signed and an unsigned
 * char variant (s_flags says which the filesystem was made with). Written
 * from the layout document's description of the hash functions.
 */
final class DirHash {
    static final int LEGACY = 0;
    static final int HALF_MD4 = 1;
    static final int TEA = 2;
    static final int LEGACY_UNSIGNED = 3;
    static final int HALF_MD4_UNSIGNED = 4;
    static final int TEA_UNSIGNED = 5;

    private DirHash() {}

    /** The 32-bit major hash of {@code name} (low bit clear), or -1 for an unknown version. */
    static int hash(byte[] name, int len, int version, int[] seed) {
        long both = hashes(name, len, version, seed);
        return both == -1 ? -1 : (int) (both >>> 32);
    }

    /**
     * The major hash in the upper 32 bits and the minor hash in the lower
     * (half-MD4's third state word, TEA's second, 0 for legacy), or -1 for an
     * unknown version. Hash order, which readdir of a hashed directory
     * follows, sorts by both.
     */
    static long hashes(byte[] name, int len, int version, int[] seed) {
        int[] buf = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
        boolean seeded = false;
        for (int s : seed) if (s != 0) seeded = true;
        if (seeded) System.arraycopy(seed, 0, buf, 0, 4);
        int h;
        int minor = 0;
        switch (version) {
            case LEGACY, LEGACY_UNSIGNED -> h = legacy(name, len, version == LEGACY_UNSIGNED);
            case HALF_MD4, HALF_MD4_UNSIGNED -> {
                int[] in = new int[8];
                for (int p = 0; p == 0 || p < len; p += 32) {
                    toWords(name, p, len - p, in, 8, version == HALF_MD4_UNSIGNED);
                    halfMd4(buf, in);
                }
                h = buf[1];
                minor = buf[2];
            }
            case TEA, TEA_UNSIGNED -> {
                int[] in = new int[4];
                for (int p = 0; p == 0 || p < len; p += 16) {
                    toWords(name, p, len - p, in, 4, version == TEA_UNSIGNED);
                    tea(buf, in);
                }
                h = buf[0];
                minor = buf[1];
            }
            default -> { return -1; }
        }
        // The low bit marks collision continuations in index entries; 0xFFFFFFFE is kept free as the 32-bit end of directory.
        h &= ~1;
        if (h == (0x7FFFFFFF << 1)) h = (0x7FFFFFFF - 1) << 1;
        return ((long) h << 32) | (minor & 0xFFFFFFFFL);
    }

    /**
     * A hash version as stored (s_def_hash_version, dx_root_info.hash_version)
     * turned into the variant the filesystem hashes with: the unsigned one
     * when s_flags says EXT2_FLAGS_UNSIGNED_HASH, and also when it names
     * neither variant, because Linux then takes the char signedness of the
     * machine it runs on and char is unsigned on arm64.
     */
    static int variant(int stored, int sFlags) {
        boolean signed = (sFlags & Superblock.FLAGS_SIGNED_HASH) != 0 && (sFlags & Superblock.FLAGS_UNSIGNED_HASH) == 0;
        return stored <= TEA && !signed ? stored + 3 : stored;
    }

    private static int legacy(byte[] name, int len, boolean unsigned) {
        int h0 = 0x12a3fe2d, h1 = 0x37abe8f9;
        for (int i = 0; i < len; i++) {
            int c = unsigned ? name[i] & 0xFF : name[i];
            int h = h1 + (h0 ^ (c * 7152373));
            if ((h & 0x80000000) != 0) h -= 0x7fffffff;
            h1 = h0;
            h0 = h;
        }
        return h0 << 1;
    }

    /** Packs up to 4*num name bytes into words, padding with the length pattern (str2hashbuf). */
    private static void toWords(byte[] name, int start, int len, int[] out, int num, boolean unsigned) {
        if (len < 0) len = 0;
        int pad = len | (len << 8);
        pad |= pad << 16;
        int val = pad;
        if (len > num * 4) len = num * 4;
        int o = 0;
        for (int i = 0; i < len; i++) {
            int c = unsigned ? name[start + i] & 0xFF : name[start + i];
            val = c + (val << 8);
            if ((i % 4) == 3) {
                out[o++] = val;
                val = pad;
                num--;
            }
        }
        if (--num >= 0) out[o++] = val;
        while (--num >= 0) out[o++] = pad;
    }

    private static int f(int x, int y, int z) { return z ^ (x & (y ^ z)); }
    private static int g(int x, int y, int z) { return (x & y) + ((x ^ y) & z); }
    private static int hh(int x, int y, int z) { return x ^ y ^ z; }

    private static void halfMd4(int[] buf, int[] in) {
        int a = buf[0], b = buf[1], c = buf[2], d = buf[3];
        final int k2 = 013240474631, k3 = 015666365641;
        a = Integer.rotateLeft(a + f(b, c, d) + in[0], 3);
        d = Integer.rotateLeft(d + f(a, b, c) + in[1], 7);
        c = Integer.rotateLeft(c + f(d, a, b) + in[2], 11);
        b = Integer.rotateLeft(b + f(c, d, a) + in[3], 19);
        a = Integer.rotateLeft(a + f(b, c, d) + in[4], 3);
        d = Integer.rotateLeft(d + f(a, b, c) + in[5], 7);
        c = Integer.rotateLeft(c + f(d, a, b) + in[6], 11);
        b = Integer.rotateLeft(b + f(c, d, a) + in[7], 19);
        a = Integer.rotateLeft(a + g(b, c, d) + in[1] + k2, 3);
        d = Integer.rotateLeft(d + g(a, b, c) + in[3] + k2, 5);
        c = Integer.rotateLeft(c + g(d, a, b) + in[5] + k2, 9);
        b = Integer.rotateLeft(b + g(c, d, a) + in[7] + k2, 13);
        a = Integer.rotateLeft(a + g(b, c, d) + in[0] + k2, 3);
        d = Integer.rotateLeft(d + g(a, b, c) + in[2] + k2, 5);
        c = Integer.rotateLeft(c + g(d, a, b) + in[4] + k2, 9);
        b = Integer.rotateLeft(b + g(c, d, a) + in[6] + k2, 13);
        a = Integer.rotateLeft(a + hh(b, c, d) + in[3] + k3, 3);
        d = Integer.rotateLeft(d + hh(a, b, c) + in[7] + k3, 9);
        c = Integer.rotateLeft(c + hh(d, a, b) + in[2] + k3, 11);
        b = Integer.rotateLeft(b + hh(c, d, a) + in[6] + k3, 15);
        a = Integer.rotateLeft(a + hh(b, c, d) + in[1] + k3, 3);
        d = Integer.rotateLeft(d + hh(a, b, c) + in[5] + k3, 9);
        c = Integer.rotateLeft(c + hh(d, a, b) + in[0] + k3, 11);
        b = Integer.rotateLeft(b + hh(c, d, a) + in[4] + k3, 15);
        buf[0] += a;
        buf[1] += b;
        buf[2] += c;
        buf[3] += d;
    }

    private static void tea(int[] buf, int[] in) {
        int sum = 0;
        int b0 = buf[0], b1 = buf[1];
        int a = in[0], b = in[1], c = in[2], d = in[3];
        for (int n = 0; n < 16; n++) {
            sum += 0x9E3779B9;
            b0 += ((b1 << 4) + a) ^ (b1 + sum) ^ ((b1 >>> 5) + b);
            b1 += ((b0 << 4) + c) ^ (b0 + sum) ^ ((b0 >>> 5) + d);
        }
        buf[0] += b0;
        buf[1] += b1;
    }
}
