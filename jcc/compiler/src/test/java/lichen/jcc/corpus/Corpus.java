package lichen.jcc.corpus;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * jcc/corpus: one program per file, {@code Name.java} holding the top-level
 * class {@code Name} (default package) with every helper nested inside it, so
 * the whole corpus compiles with one javac run into one directory and each
 * program's classes are exactly {@code Name.class} and {@code Name$*.class}.
 */
final class Corpus {
    final Path sources;
    final Path classes;
    final List<String> programs;

    private Corpus(Path sources, Path classes, List<String> programs) {
        this.sources = sources;
        this.classes = classes;
        this.programs = programs;
    }

    /** The corpus directory: -Djcc.corpus.dir, else jcc/corpus beside this module. */
    static Path locate() {
        String dir = System.getProperty("jcc.corpus.dir");
        if (dir != null) return Path.of(dir).toAbsolutePath();
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return base.resolveSibling("corpus").normalize();
    }

    /** The programs to run: all, or those named in -Djcc.corpus.only=A,B (comma-separated). */
    static List<String> list(Path sources) {
        String only = System.getProperty("jcc.corpus.only", "").trim();
        Set<String> wanted = only.isEmpty() ? null : Arrays.stream(only.split(",")).map(String::trim).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(sources)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .filter(n -> wanted == null || wanted.contains(n))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles the listed programs with javac in process into {@code work/classes}. */
    static Corpus compile(Path sources, List<String> programs, Path work) throws IOException {
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            List<Path> paths = programs.stream().map(p -> sources.resolve(p + ".java")).toList();
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("-d", classes.toString(), "-g", "-proc:none", "-Xlint:-options"),
                    null, files.getJavaFileObjectsFromPaths(paths)).call();
            if (!ok) {
                StringBuilder b = new StringBuilder("javac rejected the corpus:\n");
                diagnostics.getDiagnostics().forEach(d -> b.append(d).append('\n'));
                throw new IllegalStateException(b.toString());
            }
        }
        return new Corpus(sources, classes, programs);
    }

    private final java.util.Map<String, Path> split = new java.util.HashMap<>();

    /**
     * A directory holding only this program's class files, which is what jcc
     * is given; made once, when the first of the program's compilations asks.
     */
    synchronized Path classesOf(String program, Path work) throws IOException {
        Path made = split.get(program);
        if (made != null) return made;
        Path dir = work.resolve("programs").resolve(program);
        Files.createDirectories(dir);
        List<Path> own = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            files.filter(p -> {
                String n = p.getFileName().toString();
                return n.equals(program + ".class") || n.startsWith(program + "$");
            }).forEach(own::add);
        }
        for (Path p : own) Files.copy(p, dir.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        split.put(program, dir);
        return dir;
    }
}
