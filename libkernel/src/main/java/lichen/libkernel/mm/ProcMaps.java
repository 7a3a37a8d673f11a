package lichen.libkernel.mm;

/**
 * The text of /proc/PID/maps for a {@link VmaSet}, byte for byte as Linux's
 * show_map_vma prints it (fs/proc/task_mmu.c): start-end in lower-case hex of
 * at least 8 digits, "rwxp"/"rwxs", the file offset in bytes (8 hex digits at
 * least), MAJOR:MINOR in 2 hex digits each, the inode in decimal, a space,
 * and when there is a name, padding to column 73 and the name.
 */
public final class ProcMaps {
    private ProcMaps() {}

    /** The width seq_setwidth gives the fields before the name: 25 + 6 * sizeof(void *) - 1. */
    private static final int NAME_COLUMN = 25 + 6 * 8 - 1;

    public static String render(VmaSet set) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < set.count(); i++) line(sb, set.get(i));
        return sb.toString();
    }

    /** Appends one line (with its newline). */
    public static void line(StringBuilder sb, Vma v) {
        int lineStart = sb.length();
        hex(sb, v.start(), 8);
        sb.append('-');
        hex(sb, v.end(), 8);
        sb.append(' ');
        sb.append((v.prot() & Prot.READ) != 0 ? 'r' : '-');
        sb.append((v.prot() & Prot.WRITE) != 0 ? 'w' : '-');
        sb.append((v.prot() & Prot.EXEC) != 0 ? 'x' : '-');
        sb.append(v.isShared() ? 's' : 'p');
        sb.append(' ');
        hex(sb, v.isAnonymous() ? 0 : v.pgoff() << 12, 8);
        sb.append(' ');
        hex(sb, v.devMajor(), 2);
        sb.append(':');
        hex(sb, v.devMinor(), 2);
        sb.append(' ');
        sb.append(Long.toUnsignedString(v.inode()));
        sb.append(' ');
        String name = v.name() != null ? v.name() : (v.flags() & Vma.GROWSDOWN) != 0 ? "[stack]" : null;
        if (name != null) {
            while (sb.length() - lineStart < NAME_COLUMN) sb.append(' ');
            sb.append(' ');
            sb.append(name);
        }
        sb.append('\n');
    }

    private static void hex(StringBuilder sb, long v, int minDigits) {
        String h = Long.toHexString(v);
        for (int i = h.length(); i < minDigits; i++) sb.append('0');
        sb.append(h);
    }
}
