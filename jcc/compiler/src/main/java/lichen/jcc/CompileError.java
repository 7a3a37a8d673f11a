package lichen.jcc;

/**
 * A fault in the program being compiled, reported to the user as a
 * diagnostic (not a crash of jcc). The position, when known, is a
 * "File.java:LINE:COLUMN" prefix with the source line and a caret.
 */
public class CompileError extends RuntimeException {
    public CompileError(String message) { super(message); }
}
