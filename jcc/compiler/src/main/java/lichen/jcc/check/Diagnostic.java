package lichen.jcc.check;

/**
 * One violation of the subset, printed as javac prints its errors:
 * {@code File.java:LINE:COLUMN: error: MESSAGE}, then the source line and a
 * caret under the column. Without a source file the line and caret are left
 * out; without a line number, so is the position.
 */
public record Diagnostic(String file, int line, int column, String message, String sourceLine) implements Comparable<Diagnostic> {
    public String format() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) sb.append(':').append(line);
        if (line > 0 && column > 0) sb.append(':').append(column);
        sb.append(": error: ").append(message);
        if (sourceLine != null) {
            sb.append('\n').append(sourceLine).append('\n');
            for (int i = 1; i < column; i++) sb.append(sourceLine.charAt(i - 1) == '\t' ? '\t' : ' ');
            sb.append('^');
        }
        return sb.toString();
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }
}
