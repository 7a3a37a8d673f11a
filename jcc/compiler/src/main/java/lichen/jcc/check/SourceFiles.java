package lichen.jcc.check;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.stmt.UnparsableStmt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * The source of a class file, for diagnostics: found from javac's SourceFile
 * attribute and the package, in the source roots (a Maven module's
 * {@code target/classes} has its sources in {@code src/main/java}) or among
 * the .java files jcc compiled itself. JavaParser reads each file once, for
 * {@link SourcePositions}.
 */
final class SourceFiles {
    private final List<Path> roots;
    private final List<Path> files;
    private final Map<Path, List<String>> lines = new HashMap<>();
    private final Map<Path, Optional<CompilationUnit>> units = new HashMap<>();
    private final JavaParser parser = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE));

    SourceFiles(List<Path> classRoots, List<Path> javaFiles) {
        this.files = javaFiles;
        List<Path> r = new ArrayList<>();
        for (Path root : classRoots) {
            Path abs = root.toAbsolutePath().normalize();
            if (abs.getFileName() == null || abs.getParent() == null) continue;
            String name = abs.getFileName().toString();
            Path module = abs.getParent().getParent();
            if (name.equals("classes") && module != null) r.add(module.resolve("src/main/java"));
            if (name.equals("test-classes") && module != null) r.add(module.resolve("src/test/java"));
        }
        this.roots = r;
    }

    /** The source of a class named {@code internalName} whose SourceFile is {@code sourceFile}, or null. */
    Path find(String internalName, String sourceFile) {
        if (sourceFile == null) return null;
        int slash = internalName.lastIndexOf('/');
        String relative = (slash < 0 ? "" : internalName.substring(0, slash + 1)) + sourceFile;
        // The files jcc compiled first: their classes' "module" directory is jcc's scratch directory.
        Path named = null;
        for (Path f : files) {
            if (f.toString().replace('\\', '/').endsWith("/" + relative) || f.toString().equals(relative)) return f;
            if (named == null && f.getFileName().toString().equals(sourceFile)) named = f;
        }
        if (named != null) return named;
        for (Path root : roots) {
            Path p = root.resolve(relative);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    /** Line {@code n} (1-based) of a source file, or null. */
    String line(Path file, int n) {
        List<String> all = lines.computeIfAbsent(file, f -> {
            try {
                return Files.readAllLines(f);
            } catch (IOException e) {
                return List.of();
            }
        });
        return n >= 1 && n <= all.size() ? all.get(n - 1) : null;
    }

    /**
     * The file parsed by JavaParser (at the highest language level it knows, Java 21), or null when
     * it cannot be read or has syntax errors; a tree with only validation problems is kept.
     */
    CompilationUnit unit(Path file) {
        return units.computeIfAbsent(file, f -> {
            try {
                ParseResult<CompilationUnit> result = parser.parse(f);
                // Syntax errors make JavaParser guess; a validator's complaint (a feature newer than it knows) does not.
                boolean syntax = result.getProblems().stream().anyMatch(p -> p.getMessage().startsWith("Parse error")
                        || p.getMessage().startsWith("Lexical error"));
                return syntax ? Optional.empty() : result.getResult().filter(cu -> cu.getRange().isPresent()
                        && cu.findFirst(UnparsableStmt.class).isEmpty());
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }
}
