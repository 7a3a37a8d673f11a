package lichen.usertest;

/**
 * One numeric field of /proc/self/stat (proc(5): field 1 the pid, 2 the
 * comm in parentheses, 3 the state, then numbers), read without a
 * {@link Check} so that a forked child can report it.
 */
public final class ProcStat {
    private ProcStat() {}

    /** What {@link #selfField} answers when the file cannot be read or the field is not there. */
    public static final long UNREADABLE = -9999;

    /** Field {@code n} (1-based, n >= 3) of /proc/self/stat as a number, or {@link #UNREADABLE}. */
    public static long selfField(int n) {
        String line = Files.text("/proc/self/stat", 1024);
        if (line == null) return UNREADABLE;
        int at = line.lastIndexOf(')') + 2; // field 3, the state: the comm may hold spaces and parentheses
        for (int field = 3; field < n && at > 1; field++) at = line.indexOf(' ', at) + 1;
        int end = line.indexOf(' ', at);
        return at <= 1 || end < 0 ? UNREADABLE : Long.parseLong(line.substring(at, end));
    }
}
