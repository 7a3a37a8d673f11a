package lichen.kernel.fs;

import lichen.fs.procfs.ProcNode;
import lichen.fs.procfs.SysFs;
import lichen.kernel.proc.CpuAffinity;
import lichen.libkernel.sync.Cpus;

/**
 * The kernel's /sys (sysfs(5); Documentation/ABI): the top-level
 * directories Linux has, and the attributes the image's programs read.
 * glibc's get_nprocs and get_nprocs_conf (sysconf(_SC_NPROCESSORS_ONLN/CONF),
 * so getconf, make -j and stress-ng) read /sys/devices/system/cpu/online and
 * possible; /init reads /sys/class/tty/console/active to find the console's
 * real device.
 */
public final class SysFiles {
    private SysFiles() {}

    /** Linux's top-level sysfs directories, in its order; those not described yet are empty. */
    private static final String[] TOP = {"block", "bus", "class", "dev", "devices", "firmware", "fs", "hypervisor", "kernel", "module", "power"};

    /** A new sysfs instance. */
    public static SysFs create() {
        SysFs sys = new SysFs(new FileClock());
        ProcNode root = sys.rootNode();
        for (String d : TOP) root.dir(d);
        cpus(root.dir("devices").dir("system").dir("cpu"));
        root.dir("class").dir("tty").dir("console").file("active", 0444, out -> out.append("ttyAMA0\n"));
        return sys;
    }

    /**
     * /sys/devices/system/cpu (Documentation/ABI/testing/sysfs-devices-system-cpu):
     * possible and present are every CPU the machine started, online those that
     * run user threads (the boot CPU alone unless lichen.smp=on; the same set
     * sched_getaffinity reports), kernel_max the highest CPU number the kernel
     * supports, and a cpuN directory each.
     */
    private static void cpus(ProcNode cpu) {
        cpu.file("possible", 0444, out -> list(out, allCpus()));
        cpu.file("present", 0444, out -> list(out, allCpus()));
        cpu.file("online", 0444, out -> list(out, CpuAffinity.usable()));
        cpu.file("offline", 0444, out -> list(out, allCpus() & ~CpuAffinity.usable()));
        cpu.file("kernel_max", 0444, out -> out.append(CpuAffinity.MASK_BYTES * 8 - 1).append('\n'));
        for (int i = 0; i < Cpus.count(); i++) cpu.dir("cpu" + i);
    }

    private static long allCpus() {
        int n = Cpus.count();
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    /** A CPU set in Linux's list format ("0", "0-3", "0,2-3"), then a newline; an empty set is just the newline. */
    static void list(StringBuilder out, long mask) {
        boolean first = true;
        for (int i = 0; i < 64; i++) {
            if ((mask & 1L << i) == 0) continue;
            int j = i;
            while (j + 1 < 64 && (mask & 1L << (j + 1)) != 0) j++;
            if (!first) out.append(',');
            out.append(i);
            if (j > i) out.append('-').append(j);
            first = false;
            i = j;
        }
        out.append('\n');
    }
}
