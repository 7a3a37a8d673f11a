package lichen.jcc.check;

import lichen.jcc.CompileError;
import lichen.jcc.front.JavaSources;
import lichen.jcc.world.ClassPath;
import lichen.jcc.world.World;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Where diagnostics find their source, and what they say without one: a
 * Maven module's sources beside its classes, a line-only caret when
 * JavaParser cannot read the file, no position without a source; what is
 * skipped (@HostOnly classes, static initialisers); and the summary that
 * fails the compilation.
 */
class DiagnosticSourcesTest {
    private static final String BOX = """
            public class Box {
                static Object box(int v) {
                    return v;
                }
            }
            """;

    @Test
    void aFileJavaParserCannotReadGetsALineOnlyCaret() throws IOException {
        // A flexible constructor body (Java 25) is beyond JavaParser's Java 21: javac compiles it, JavaParser does not parse it.
        List<String> ds = CheckedSources.diagnose("Flexible", """
                public class Flexible {
                    Flexible(int x) {
                        int y = x + 1;
                        super();
                    }
                    static Object box(int v) {
                        return v;
                    }
                    static int safe(Object o) {
                        try { return o.hashCode(); } catch (RuntimeException e) { return 0; }
                    }
                }
                """);
        assertEquals(List.of("""
                Flexible.java:7:9: error: boxing to Integer is outside the subset (no boxed values)
                        return v;
                        ^""", """
                Flexible.java:10:38: error: catch is outside the subset: a throw is a panic; report errors by return value
                        try { return o.hashCode(); } catch (RuntimeException e) { return 0; }
                                                     ^"""), ds, () -> String.join("\n", ds));
    }

    @Test
    void withoutASourceTheDiagnosticHasTheFileAndLineOnly() throws IOException {
        CheckedSources s = new CheckedSources().add("Box.java", BOX);
        Path classes = s.compile();
        List<Diagnostic> ds = SubsetChecker.diagnose(new World(new ClassPath(List.of(classes))), List.of(classes), List.of());
        assertEquals(List.of("Box.java:3: error: boxing to Integer is outside the subset (no boxed values)"), s.format(ds));
    }

    @Test
    void aMavenModuleSourcesAreFoundBesideItsClasses() throws IOException {
        Path module = Files.createTempDirectory("module");
        Path source = module.resolve("src/main/java/demo/Box.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package demo;\n" + BOX);
        Path classes = JavaSources.compile(List.of(source), List.of(), module.resolve("target/classes"));
        List<Diagnostic> ds = SubsetChecker.diagnose(new World(new ClassPath(List.of(classes))), List.of(classes), List.of());
        assertEquals(1, ds.size(), ds::toString);
        assertEquals(source.toString() + ":4:16: error: boxing to Integer is outside the subset (no boxed values)\n"
                + "        return v;\n"
                + "               ^", ds.getFirst().format());
    }

    @Test
    void hostOnlyClassesTheirNestedClassesAndStaticInitialisersAreNotChecked() throws IOException {
        List<String> ds = new CheckedSources().add("Tool.java", """
                import lichen.api.HostOnly;
                @HostOnly
                public class Tool {
                    static Object make() { return new java.util.ArrayList<String>(); }
                    class Inner { synchronized void f() {} }
                }
                """).add("Outer.java", """
                public class Outer {
                    @lichen.api.HostOnly
                    static class Cli {
                        static Runnable task() {
                            return new Runnable() { public void run() { synchronized (Cli.class) {} } };
                        }
                    }
                }
                """).add("Init.java", """
                public class Init {
                    static final String NAME;
                    static { NAME = String.format("%d", 3); }
                    static String name() { return NAME; }
                }
                """).diagnose();
        assertEquals(List.of(), ds, () -> String.join("\n", ds));
    }

    @Test
    void everyViolationIsReportedSortedByFileThenACount() throws IOException {
        CheckedSources s = new CheckedSources().add("B.java", """
                public class B {
                    static synchronized void f() {}
                }
                """).add("A.java", """
                public class A {
                    static Object g(long x) { return x; }
                    static void h(Object o) { synchronized (o) { o.notify(); } }
                }
                """);
        Path classes = s.compile();
        CompileError e = assertThrows(CompileError.class,
                () -> SubsetChecker.check(new World(new ClassPath(List.of(classes))), List.of(classes), s.files, false));
        assertEquals("""
                jcc: A.java:2:38: error: boxing to Long is outside the subset (no boxed values)
                    static Object g(long x) { return x; }
                                                     ^
                A.java:3:31: error: synchronized is outside the subset
                    static void h(Object o) { synchronized (o) { o.notify(); } }
                                              ^
                A.java:3:52: error: notify is outside the subset (no monitors)
                    static void h(Object o) { synchronized (o) { o.notify(); } }
                                                                   ^
                B.java:2:12: error: synchronized is outside the subset
                    static synchronized void f() {}
                           ^
                4 errors""", e.getMessage().replace(s.dir + "/", ""));
    }

    @Test
    void aCleanProgramPassesTheCheck() throws IOException {
        CheckedSources s = new CheckedSources().add("Hello.java", """
                public class Hello {
                    public static void main(String[] args) {
                        int n = args.length;
                        System.out.println("hello " + n + " " + Integer.toHexString(n * 255));
                    }
                }
                """);
        Path classes = s.compile();
        assertDoesNotThrow(() -> SubsetChecker.check(new World(new ClassPath(List.of(classes))), List.of(classes), s.files, false));
    }
}
