package lichen.kernel.fs.proc;

import lichen.arch.aarch64.CpuIdentity;
import lichen.arch.aarch64.Timer;

/**
 * /proc/cpuinfo in arm64 Linux's layout (arch/arm64/kernel/cpuinfo.c,
 * c_show): a block per CPU that runs user programs (only the boot CPU,
 * as sched_getaffinity(2) says), with BogoMIPS as arm64 computes it from
 * the generic timer's rate (loops_per_jiffy is the timer's ticks a jiffy,
 * so BogoMIPS is rate / 500000), Features naming the hwcaps the kernel
 * gives programs in AT_HWCAP (fp and asimd), and the fields of MIDR_EL1.
 */
final class CpuInfo {
    private CpuInfo() {}

    static void render(StringBuilder out) {
        long midr = CpuIdentity.mainId();
        long rate = Timer.frequency();
        out.append("processor\t: 0\nBogoMIPS\t: ").append(rate / 500_000).append('.');
        long hundredths = rate / 5_000 % 100;
        if (hundredths < 10) out.append('0');
        out.append(hundredths).append('\n');
        out.append("Features\t: fp asimd\n");
        out.append("CPU implementer\t: 0x").append(hex(midr >>> 24 & 0xff, 2)).append('\n');
        out.append("CPU architecture: 8\n"); // arm64 prints 8 for every ARMv8 and later CPU
        out.append("CPU variant\t: 0x").append(Long.toHexString(midr >>> 20 & 0xf)).append('\n');
        out.append("CPU part\t: 0x").append(hex(midr >>> 4 & 0xfff, 3)).append('\n');
        out.append("CPU revision\t: ").append(midr & 0xf).append("\n\n");
    }

    private static String hex(long v, int digits) {
        String h = Long.toHexString(v);
        while (h.length() < digits) h = "0" + h;
        return h;
    }
}
