package lichen.kernel.exec;

/**
 * A "#!" script's first line (binfmt_script): the interpreter's path, then at
 * most one optional argument (the rest of the line, blanks trimmed, as one
 * word). The interpreter runs with argv = interpreter [argument] script
 * argv[1..].
 */
final class Shebang {
    private Shebang() {}

    /** The interpreter's argv for {@code script} run with {@code argv}, or null for a line with no interpreter. */
    static byte[][] arguments(byte[] head, byte[] script, byte[][] argv) {
        int end = 2;
        int limit = Math.min(head.length, Exec.SHEBANG_MAX);
        while (end < limit && head[end] != '\n') end++;
        int i = skipBlanks(head, 2, end);
        int pathStart = i;
        while (i < end && !blank(head[i])) i++;
        if (i == pathStart) return null;
        byte[] interpreter = slice(head, pathStart, i);
        int argStart = skipBlanks(head, i, end);
        int argEnd = end;
        while (argEnd > argStart && blank(head[argEnd - 1])) argEnd--;
        boolean hasArg = argEnd > argStart;
        int extra = argv.length > 0 ? argv.length - 1 : 0;
        byte[][] out = new byte[(hasArg ? 3 : 2) + extra][];
        int n = 0;
        out[n++] = interpreter;
        if (hasArg) out[n++] = slice(head, argStart, argEnd);
        out[n++] = script;
        for (int k = 1; k < argv.length; k++) out[n++] = argv[k];
        return out;
    }

    private static boolean blank(byte b) { return b == ' ' || b == '\t'; }

    private static int skipBlanks(byte[] b, int i, int end) {
        while (i < end && blank(b[i])) i++;
        return i;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] s = new byte[to - from];
        System.arraycopy(b, from, s, 0, to - from);
        return s;
    }
}
