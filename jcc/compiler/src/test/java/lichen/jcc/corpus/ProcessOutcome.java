package lichen.jcc.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a program did: its whole standard output, its exit status and the first
 * line of its standard error (the uncaught exception's line, the only part of
 * stderr the corpus compares: backtraces differ between the JVM and jcc).
 */
record ProcessOutcome(String stdout, int status, String stderrFirstLine, String stderr, boolean timedOut) {

    /** Runs a command with stdout and stderr sent to files (no pipe can fill up), killed after the timeout. */
    static ProcessOutcome run(List<String> command, Path scratch, long timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        Path out = scratch.resolve("stdout");
        Path err = scratch.resolve("stderr");
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        String stdout = Files.readString(out, StandardCharsets.ISO_8859_1);
        String stderr = Files.readString(err, StandardCharsets.ISO_8859_1);
        return new ProcessOutcome(stdout, finished ? p.exitValue() : -1, firstLine(stderr), stderr, !finished);
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The differences from the expected outcome, one per line; empty when they agree. */
    String differencesFrom(ProcessOutcome expected) {
        StringBuilder d = new StringBuilder();
        if (timedOut) d.append("timed out\n");
        if (status != expected.status) d.append("exit status ").append(status).append(", expected ").append(expected.status).append('\n');
        if (!stderrFirstLine.equals(expected.stderrFirstLine)) {
            d.append("stderr first line:\n  got      ").append(stderrFirstLine)
                    .append("\n  expected ").append(expected.stderrFirstLine).append('\n');
        }
        if (!stdout.equals(expected.stdout)) d.append(firstStdoutDifference(expected.stdout));
        return d.toString();
    }

    private String firstStdoutDifference(String expected) {
        String[] got = stdout.split("\n", -1);
        String[] want = expected.split("\n", -1);
        for (int i = 0; i < Math.max(got.length, want.length); i++) {
            String g = i < got.length ? got[i] : "<end of output>";
            String w = i < want.length ? want[i] : "<end of output>";
            if (!g.equals(w)) {
                return "stdout differs at line " + (i + 1) + " (" + got.length + " lines, expected " + want.length + "):\n"
                        + "  got      " + clip(g) + "\n  expected " + clip(w) + "\n";
            }
        }
        return "stdout differs\n";
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
