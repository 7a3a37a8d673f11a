package lichen.jcc.corpus;

import lichen.jcc.Compilation;
import lichen.jcc.Options;
import lichen.jcc.Pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compiles one corpus program with jcc in process, through the same passes as
 * the jcc command (lichen.jcc.Main) but keeping the error for the report.
 * Each compilation owns its LLVM context, so two may run at once.
 */
final class JccBuild {
    private JccBuild() {}

    /** The executable, or null with the reason in {@code error[0]}. */
    static Path compile(Path classes, String mainClass, boolean optimise, Path output, String[] error) {
        Path work = null;
        try {
            work = Files.createTempDirectory("jcc-corpus-build");
            Options o = new Options();
            o.inputs.add(classes);
            o.mainClass = mainClass;
            o.optimise = optimise;
            o.output = output;
            o.workDir = work;
            Pipeline.run(new Compilation(o), new PrintStream(PrintStream.nullOutputStream()));
            return output;
        } catch (Throwable e) {
            error[0] = describe(e);
            return null;
        } finally {
            if (work != null) deleteTree(work);
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof lichen.jcc.CompileError) return e.getMessage();
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        String[] lines = s.split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, 12); i++) b.append(lines[i]).append('\n');
        return b.toString();
    }

    static void deleteTree(Path p) {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
