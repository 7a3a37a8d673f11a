package lichen.kernel.syscall;

import lichen.kernel.dev.virtio.VirtioDevices;
import lichen.api.Async;
import lichen.arch.aarch64.KernelAddressSpace;
import lichen.arch.aarch64.PowerOff;
import lichen.arch.aarch64.SmpExecution;
import lichen.arch.aarch64.Timer;
import lichen.kernel.Kernel;
import lichen.kernel.exec.ByteStrings;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.sched.LoadAverage;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;
import lichen.libkernel.mm.BuddyAllocator;

/** The calls about the machine itself (man 2 uname, sysinfo, reboot). */
final class SystemCalls {
    /** reboot(2)'s magic numbers and commands (include/uapi/linux/reboot.h). */
    static final int MAGIC1 = 0xfee1dead, MAGIC2 = 672274793, MAGIC2A = 85072278, MAGIC2B = 369367448, MAGIC2C = 537993216;
    static final int CMD_RESTART = 0x01234567, CMD_HALT = 0xcdef0123, CMD_POWER_OFF = 0x4321fedc, CMD_CAD_ON = 0x89abcdef, CMD_CAD_OFF = 0;
    /** struct utsname: six fields of 65 bytes. */
    private static final int UTS_FIELD = 65;
    /** The UTS nodename: "(none)" until sethostname(2), as on Linux. */
    private static String hostname = "(none)";

    private SystemCalls() {}

    /** uname(2): Linux's sysname and machine, so programs take their Linux paths; the release names Lichen. */
    @Async
    static long sysUname(Process p, long buf) {
        byte[] b = new byte[6 * UTS_FIELD];
        String[] fields = {"Linux", hostname, Kernel.RELEASE, Kernel.UTS_VERSION, "aarch64", "(none)"};
        for (int f = 0; f < fields.length; f++) {
            String s = fields[f];
            for (int i = 0; i < s.length() && i < UTS_FIELD - 1; i++) b[f * UTS_FIELD + i] = (byte) s.charAt(i);
        }
        return UserCopy.copyOut(p.mm(), buf, b, 0, b.length) < 0 ? -Errno.EFAULT : 0;
    }

    /** personality(2): every process runs as PER_LINUX (0); 0xffffffff only asks; another persona is taken and reported back. */
    static long sysPersonality(Process p, long persona) {
        long old = personality;
        if ((int) persona != -1) personality = persona & 0xffffffffL;
        return old;
    }

    private static long personality;

    /** sethostname(2): at most 64 bytes (__NEW_UTS_LEN); only root may, and every process is root so far. */
    @Async
    static long sysSethostname(Process p, long name, long len) {
        if (len < 0 || len > UTS_FIELD - 1) return -Errno.EINVAL;
        byte[] b = new byte[(int) len];
        if (UserCopy.copyIn(p.mm(), name, b, 0, b.length) < 0) return -Errno.EFAULT;
        hostname = ByteStrings.text(b);
        return 0;
    }

    /**
     * sysinfo(2): uptime, the load averages (scaled by 1 << SI_LOAD_SHIFT, 16), memory in pages of mem_unit
     * 4096 (bufferram is the block cache), no swap, and the number of threads (procs).
     */
    @Async
    static long sysSysinfo(Process p, long info) {
        BuddyAllocator frames = KernelAddressSpace.get().frames();
        byte[] b = new byte[112];
        LittleEndian.put64(b, 0, Timer.nanos() / 1_000_000_000L);
        for (int i = 0; i < 3; i++) LittleEndian.put64(b, 8 + 8 * i, LoadAverage.SYSTEM.average(i) << (16 - LoadAverage.FSHIFT));
        LittleEndian.put64(b, 32, frames.managedPageCount());
        LittleEndian.put64(b, 40, frames.freePageCount());
        LittleEndian.put64(b, 56, RootFilesystem.blockCachePages());
        int procs = Processes.executor() == null ? 1 : Processes.executor().liveTasks();
        b[80] = (byte) procs;
        b[81] = (byte) (procs >> 8);
        b[104] = 0x00;
        b[105] = 0x10; // mem_unit = 4096
        return UserCopy.copyOut(p.mm(), info, b, 0, b.length) < 0 ? -Errno.EFAULT : 0;
    }

    /**
     * reboot(2): power-off, halt and restart all end the machine (QEMU runs with -no-reboot); Ctrl-Alt-Del
     * settings are accepted. The page cache's dirty pages are written back first: reboot(2) says data is lost
     * without a sync(2) before, and a program that mapped a file shared may not have made one.
     */
    @Async
    static long sysReboot(int magic1, int magic2, int cmd) {
        if (magic1 != MAGIC1 || (magic2 != MAGIC2 && magic2 != MAGIC2A && magic2 != MAGIC2B && magic2 != MAGIC2C)) return -Errno.EINVAL;
        if (cmd == CMD_CAD_ON || cmd == CMD_CAD_OFF) return 0;
        if (cmd != CMD_POWER_OFF && cmd != CMD_HALT && cmd != CMD_RESTART) return -Errno.EINVAL;
        System.out.println(cmd == CMD_RESTART ? "reboot: Restarting system" : "reboot: Power down");
        System.out.flush();
        if (FileCalls.vfs() != null) FileCalls.vfs().sync();
        VirtioDevices.reportAtPowerOff();
        SmpExecution.report();
        PowerOff.exit(0);
        return 0;
    }
}
