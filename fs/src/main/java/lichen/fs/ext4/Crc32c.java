package lichen.fs.ext4;

/**
 * CRC32C (Castagnoli, reflected polynomial 0x82F63B78) as ext4's metadata_csum
 * uses it: ext4_chksum(seed, data) is the raw update, with neither the usual
 * initial nor final inversion applied inside (Documentation/filesystems/ext4,
 * "Checksums").
 */
public final class Crc32c {
    private Crc32c() {}

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            TABLE[i] = c;
        }
    }

    public static int update(int crc, byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) crc = TABLE[(crc ^ b[off + i]) & 0xFF] ^ (crc >>> 8);
        return crc;
    }

    /** The update over the four little-endian bytes of {@code v}. */
    public static int updateInt(int crc, int v) {
        for (int i = 0; i < 4; i++) crc = TABLE[(crc ^ (v >>> (8 * i))) & 0xFF] ^ (crc >>> 8);
        return crc;
    }

    /** The update over {@code n} zero bytes. */
    public static int updateZeros(int crc, int n) {
        for (int i = 0; i < n; i++) crc = TABLE[crc & 0xFF] ^ (crc >>> 8);
        return crc;
    }
}
