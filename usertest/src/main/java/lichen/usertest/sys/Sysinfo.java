package lichen.usertest.sys;

/**
 * struct sysinfo as sysinfo(2) fills it on a 64-bit kernel
 * (include/uapi/linux/sysinfo.h): uptime at 0, loads[3] at 8, totalram 32,
 * freeram 40, sharedram 48, bufferram 56, totalswap 64, freeswap 72, procs
 * (16 bits) 80, totalhigh 88, freehigh 96, mem_unit (32 bits) 104; 112 bytes
 * with the padding. Memory sizes are in units of mem_unit bytes.
 */
public record Sysinfo(long uptime, long load1, long totalram, long freeram, long sharedram, long bufferram,
                      long totalswap, long freeswap, int procs, long memUnit) {

    public static final int SIZE = 112;

    public static Sysinfo decode(byte[] b) {
        return new Sysinfo(LittleEndian.u64(b, 0), LittleEndian.u64(b, 8), LittleEndian.u64(b, 32),
                           LittleEndian.u64(b, 40), LittleEndian.u64(b, 48), LittleEndian.u64(b, 56),
                           LittleEndian.u64(b, 64), LittleEndian.u64(b, 72), LittleEndian.u16(b, 80),
                           LittleEndian.u32(b, 104));
    }
}
