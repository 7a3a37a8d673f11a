package lichen.jcc.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The corpus run's PASS/FAIL lines, printed and appended to a report file
 * (jcc/bin/jcc-corpus prints the file: Maven's -q hides a test's output),
 * then the totals and jcc's compile time.
 */
final class Report {
    private final Path file;
    private int passed;
    private int failed;
    private long compileNanos;
    private int compilations;

    Report(Path file) {
        this.file = file;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void line(String program, String level, String problem, long nanos) {
        compileNanos += nanos;
        compilations++;
        if (problem.isEmpty()) {
            passed++;
            write(String.format("PASS %-28s -%s  (jcc %.1f s)%n", program, level, nanos / 1e9));
        } else {
            failed++;
            StringBuilder b = new StringBuilder(String.format("FAIL %-28s -%s%n", program, level));
            for (String l : problem.strip().split("\n")) b.append("     ").append(l).append('\n');
            write(b.toString());
        }
    }

    synchronized void summary() {
        write(String.format("corpus: %d passed, %d failed; jcc compile time %.1f s for %d compilations (%.2f s each)%n",
                passed, failed, compileNanos / 1e9, compilations, compilations == 0 ? 0 : compileNanos / 1e9 / compilations));
    }

    private void write(String text) {
        System.out.print(text);
        System.out.flush();
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
