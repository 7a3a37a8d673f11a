package lichen.fs.fat;

import lichen.fs.LittleEndian;

/**
 * The FAT32 boot sector's BIOS parameter block (Microsoft FAT specification,
 * "Boot Sector and BPB"): sector and cluster sizes, reserved sectors, FAT
 * copies and size, the root directory's first cluster. {@link #parse} accepts
 * only a self-consistent FAT32 volume that fits the device.
 */
final class BootSector {
    int bytesPerSector;
    int sectorsPerCluster;
    long reservedSectors;
    int fatCount;
    long fatSectors;
    long totalSectors;
    long rootCluster;
    long clusterCount;
    long fatOffset;      // bytes
    long dataOffset;     // bytes, cluster 2 starts here
    int clusterSize;

    static BootSector parse(byte[] b, long deviceSize) {
        if (LittleEndian.u16(b, 510) != 0xAA55) return null;
        BootSector s = new BootSector();
        s.bytesPerSector = LittleEndian.u16(b, 0x0B);
        s.sectorsPerCluster = LittleEndian.u8(b, 0x0D);
        s.reservedSectors = LittleEndian.u16(b, 0x0E);
        s.fatCount = LittleEndian.u8(b, 0x10);
        int rootEntries = LittleEndian.u16(b, 0x11);
        long total16 = LittleEndian.u16(b, 0x13);
        int fat16Size = LittleEndian.u16(b, 0x16);
        s.totalSectors = total16 != 0 ? total16 : LittleEndian.u32(b, 0x20);
        s.fatSectors = LittleEndian.u32(b, 0x24);
        s.rootCluster = LittleEndian.u32(b, 0x2C);
        int bps = s.bytesPerSector;
        if (bps != 512 && bps != 1024 && bps != 2048 && bps != 4096) return null;
        if (s.sectorsPerCluster == 0 || Integer.bitCount(s.sectorsPerCluster) != 1) return null;
        if ((long) bps * s.sectorsPerCluster > 1 << 20) return null;
        if (s.reservedSectors == 0 || s.fatCount == 0 || s.fatCount > 4) return null;
        if (rootEntries != 0 || fat16Size != 0 || s.fatSectors == 0) return null;   // not FAT32
        long meta = s.reservedSectors + (long) s.fatCount * s.fatSectors;
        if (s.totalSectors <= meta || s.totalSectors * bps > deviceSize) return null;
        s.clusterSize = bps * s.sectorsPerCluster;
        s.clusterCount = (s.totalSectors - meta) / s.sectorsPerCluster;
        if (s.clusterCount == 0 || s.clusterCount > 0x0FFFFFF5L) return null;
        if (s.fatSectors * bps / 4 < s.clusterCount + 2) return null;
        if (s.rootCluster < 2 || s.rootCluster >= s.clusterCount + 2) return null;
        s.fatOffset = s.reservedSectors * bps;
        s.dataOffset = meta * bps;
        return s;
    }
}
