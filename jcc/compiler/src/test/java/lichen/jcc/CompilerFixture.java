package lichen.jcc;

import lichen.jcc.front.JavaSources;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compiles Java source text with javac and runs jcc's passes over it, for tests of single passes. */
public final class CompilerFixture {
    private CompilerFixture() {}

    /** Source files by simple class name; returns the compilation after {@code lastPass}. */
    public static Compilation compile(Map<String, String> sources, String mainClass, String lastPass) {
        try {
            Path dir = Files.createTempDirectory("jcc-test");
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path f = dir.resolve(e.getKey() + ".java");
                Files.writeString(f, e.getValue());
                files.add(f);
            }
            Options o = new Options();
            o.inputs.add(JavaSources.compile(files, List.of(), dir.resolve("classes")));
            o.mainClass = mainClass;
            o.stopAfter = lastPass;
            o.workDir = dir;
            Compilation c = new Compilation(o);
            Pipeline.run(c, new PrintStream(PrintStream.nullOutputStream()));
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of one function in the module, from "define" to its closing brace. */
    public static String function(String ir, String symbol) {
        int at = -1;
        for (int from = 0; (from = ir.indexOf("\ndefine ", from)) >= 0; from++) {
            int eol = ir.indexOf('\n', from + 1);
            if (ir.substring(from, eol).contains("@\"" + symbol + "\"(")) {
                at = from + 1;
                break;
            }
        }
        if (at < 0) throw new AssertionError("no function " + symbol + " in the IR");
        int start = at;
        int end = ir.indexOf("\n}\n", at);
        return ir.substring(start, end + 2);
    }
}
