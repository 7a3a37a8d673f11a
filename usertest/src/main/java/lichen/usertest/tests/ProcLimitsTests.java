package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.TestList;
import lichen.usertest.sys.LinuxSystem;

/**
 * /proc/self/limits (proc(5)): a header and one row per resource, in
 * Linux's fixed columns (name in 25, soft and hard limits in 20 each, then
 * the unit), each value what getrlimit(2) reports, "unlimited" for
 * RLIM_INFINITY.
 */
public final class ProcLimitsTests {
    private ProcLimitsTests() {}

    /** The resources the file lists: RLIMIT_CPU (0) to RLIMIT_RTTIME (15). */
    private static final int RESOURCES = 16;
    private static final int SOFT_AT = 26, HARD_AT = 47, UNIT_AT = 68;

    public static void register(TestList list) {
        list.add("proc_self_limits_columns_match_getrlimit", ProcLimitsTests::limits);
    }

    private static void limits(Check c) {
        String text = Files.contents(c, "/proc/self/limits", 8192);
        if (text == null) return;
        String[] lines = lines(text);
        if (!c.equal(RESOURCES + 1, lines.length, "lines: a header and one per resource")) return;
        c.equal("Limit                     Soft Limit           Hard Limit           Units     ", lines[0], "the header");
        long[] limit = new long[2];
        for (int r = 0; r < RESOURCES; r++) {
            String row = lines[r + 1];
            if (!c.isTrue(row.length() >= UNIT_AT && row.startsWith("Max "), "row " + r + ": \"" + row + "\"")) return;
            if (!c.returned(0, LinuxSystem.getrlimit(r, limit), "getrlimit(" + r + ")")) return;
            c.equal(text(limit[0]), row.substring(SOFT_AT, HARD_AT - 1).trim(), row.substring(0, 25).trim() + "'s soft limit");
            c.equal(text(limit[1]), row.substring(HARD_AT, UNIT_AT - 1).trim(), row.substring(0, 25).trim() + "'s hard limit");
        }
    }

    /** The lines of {@code text}, each without its newline (a last line without one counts too). */
    private static String[] lines(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n' || i == text.length() - 1) count++;
        String[] out = new String[count];
        int at = 0;
        for (int n = 0; n < count; n++) {
            int end = text.indexOf('\n', at);
            if (end < 0) end = text.length();
            out[n] = text.substring(at, end);
            at = end + 1;
        }
        return out;
    }

    private static String text(long v) { return v == -1 ? "unlimited" : Long.toUnsignedString(v); }
}
