package lichen.fs;

import lichen.api.Async;
import lichen.fs.block.BlockDevice;

/** Recognises the filesystem on a device by its magic numbers (what blkid does, for the two formats Lichen reads). */
public final class FsProbe {
    private FsProbe() {}

    public static final int UNKNOWN = 0;
    public static final int EXT = 1;
    public static final int FAT32 = 2;

    @Async
    public static int probe(BlockDevice dev) {
        if (dev.size() >= 2048) {
            byte[] m = new byte[2];
            if (dev.read(1024 + 0x38, m, 0, 2) == 2 && LittleEndian.u16(m, 0) == 0xEF53) return EXT;
        }
        if (dev.size() >= 512) {
            byte[] b = new byte[512];
            if (dev.read(0, b, 0, 512) == 512 && LittleEndian.u16(b, 510) == 0xAA55) {
                // "FAT32   " in the FAT32 extended BPB's file-system type field (offset 82).
                String t = "FAT32";
                boolean fat32 = true;
                for (int i = 0; i < t.length(); i++) if (b[82 + i] != t.charAt(i)) fat32 = false;
                if (fat32 || (LittleEndian.u16(b, 0x16) == 0 && LittleEndian.u32(b, 0x24) != 0)) return FAT32;
            }
        }
        return UNKNOWN;
    }
}
