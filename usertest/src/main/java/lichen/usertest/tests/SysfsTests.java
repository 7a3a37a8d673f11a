package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.TestList;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Stat;

/**
 * What programs read from /sys (sysfs(5)): the CPU lists glibc's
 * get_nprocs and get_nprocs_conf parse (Documentation/ABI/testing/sysfs-devices-system-cpu),
 * and the console's device that /init looks up.
 */
public final class SysfsTests {
    private SysfsTests() {}

    private static final String CPU = "/sys/devices/system/cpu/";

    public static void register(TestList list) {
        list.add("sysfs_cpu_online_is_the_cpus_a_thread_may_use", SysfsTests::online);
        list.add("sysfs_cpu_possible_holds_online_with_a_directory_each", SysfsTests::possible);
        list.add("sysfs_console_active_names_a_character_device", SysfsTests::console);
    }

    /** /sys/devices/system/cpu/online is, in list form, the set sched_getaffinity gives a thread with the default mask. */
    private static void online(Check c) {
        long online = cpuList(c, CPU + "online");
        long[] mask = new long[1];
        if (!c.returned(8, LinuxSystem.sched_getaffinity(0, mask, 8), "sched_getaffinity")) return;
        c.equal(mask[0], online, "the online CPUs as a mask");
    }

    /** possible includes every online CPU, and each possible CPU N has its directory cpuN. */
    private static void possible(Check c) {
        long possible = cpuList(c, CPU + "possible"), online = cpuList(c, CPU + "online");
        c.isTrue(possible != 0 && (online & ~possible) == 0, "online " + Long.toHexString(online) + " within possible " + Long.toHexString(possible));
        for (int i = 0; i < 64; i++) {
            if ((possible & 1L << i) == 0) continue;
            Stat s = Files.stat(c, CPU + "cpu" + i, 0);
            if (s != null) c.isTrue(s.isDirectory(), CPU + "cpu" + i + " is a directory");
        }
    }

    /** /sys/class/tty/console/active's last name is a character device in /dev. */
    private static void console(Check c) {
        String active = Files.contents(c, "/sys/class/tty/console/active");
        if (active == null || !c.isTrue(active.endsWith("\n") && active.length() > 1, "a line: \"" + active + "\"")) return;
        String name = active.substring(active.trim().lastIndexOf(' ') + 1).trim();
        Stat s = Files.stat(c, "/dev/" + name, 0);
        if (s != null) c.equal(Fcntl.S_IFCHR, s.type(), "/dev/" + name + "'s type");
    }

    /** A CPU list file ("0", "0-3", "0,2-5\n") as a mask; 0 with a failure for anything else. */
    private static long cpuList(Check c, String path) {
        String text = Files.contents(c, path);
        if (text == null || !c.isTrue(text.endsWith("\n"), path + " ends with a newline")) return 0;
        long mask = 0;
        int at = 0;
        String s = text.trim();
        while (at < s.length()) {
            int comma = s.indexOf(',', at);
            String range = s.substring(at, comma < 0 ? s.length() : comma);
            int dash = range.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
            for (int i = from; i <= to && i < 64; i++) mask |= 1L << i;
            at = comma < 0 ? s.length() : comma + 1;
        }
        return mask;
    }
}
