package lichen.jcc.check;

import lichen.jcc.world.ClassPath;
import lichen.jcc.world.World;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rule that compiled code names only the {@code java.*} classes and
 * methods the runtime provides (docs/subset.md): wherever the class file names
 * them, each reported where the source writes the name.
 */
class ClassReferencesTest {
    private static void assertDiagnostics(List<String> actual, String... expected) {
        assertEquals(List.of(expected), actual, () -> String.join("\n", actual));
    }

    @Test
    void aJdkClassTheRuntimeDoesNotProvideIsReportedAtItsName() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Lists", """
                public class Lists {
                    static Object make() {
                        return new java.util.ArrayList<String>();
                    }
                }
                """), """
                Lists.java:3:30: error: class java.util.ArrayList is not provided by jcc's runtime (see docs/subset.md)
                        return new java.util.ArrayList<String>();
                                             ^""");
    }

    @Test
    void missingJdkClassesInDeclarationsAreReportedWhereTheyAreWritten() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Decls", """
                import java.util.List;
                public class Decls implements java.util.RandomAccess {
                    private List<String> names;
                    static int count(java.util.Set<String> s) {
                        return 0;
                    }
                }
                """), """
                Decls.java:2:31: error: class java.util.RandomAccess is not provided by jcc's runtime (see docs/subset.md)
                public class Decls implements java.util.RandomAccess {
                                              ^""", """
                Decls.java:3:13: error: class java.util.List is not provided by jcc's runtime (see docs/subset.md)
                    private List<String> names;
                            ^""", """
                Decls.java:4:22: error: class java.util.Set is not provided by jcc's runtime (see docs/subset.md)
                    static int count(java.util.Set<String> s) {
                                     ^""");
    }

    @Test
    void aLocalsTypeIsReportedAtItsDeclarationAndNotAgainAtItsUses() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Locals", """
                import java.util.List;
                public class Locals {
                    static int size() {
                        List<?> l = null;
                        return l == null ? 0 : l.size();
                    }
                }
                """), """
                Locals.java:4:9: error: class java.util.List is not provided by jcc's runtime (see docs/subset.md)
                        List<?> l = null;
                        ^""");
    }

    @Test
    void classesALineUsesWithoutNamingThemAreLeftOutWhenItNamesOthers() throws IOException {
        // Files.exists(Path, LinkOption...) also names LinkOption, in its descriptor and the varargs array javac made.
        assertDiagnostics(CheckedSources.diagnose("Noise", """
                public class Noise {
                    static boolean exists(String name) {
                        return java.nio.file.Files.exists(java.nio.file.Path.of(name));
                    }
                }
                """), """
                Noise.java:3:30: error: class java.nio.file.Files is not provided by jcc's runtime (see docs/subset.md)
                        return java.nio.file.Files.exists(java.nio.file.Path.of(name));
                                             ^""", """
                Noise.java:3:57: error: class java.nio.file.Path is not provided by jcc's runtime (see docs/subset.md)
                        return java.nio.file.Files.exists(java.nio.file.Path.of(name));
                                                                        ^""");
    }

    @Test
    void aJdkMethodTheRuntimeDoesNotProvideIsReportedAtTheCall() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Fmt", """
                public class Fmt {
                    static String f(String s) {
                        return String.format("%s!", s);
                    }
                }
                """), """
                Fmt.java:3:23: error: method java.lang.String.format is not provided by jcc's runtime (see docs/subset.md)
                        return String.format("%s!", s);
                                      ^""");
    }

    @Test
    void methodReferencesToWhatTheRuntimeDoesNotProvideAreReported() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Refs", """
                import java.util.function.BiFunction;
                import java.util.function.Supplier;
                public class Refs {
                    static Supplier<Object> make() {
                        return java.util.ArrayList::new;
                    }
                    static BiFunction<String, Object[], String> format() {
                        return String::format;
                    }
                }
                """), """
                Refs.java:5:26: error: class java.util.ArrayList is not provided by jcc's runtime (see docs/subset.md)
                        return java.util.ArrayList::new;
                                         ^""", """
                Refs.java:8:24: error: method java.lang.String.format is not provided by jcc's runtime (see docs/subset.md)
                        return String::format;
                                       ^""");
    }

    @Test
    void anInvokedynamicWhoseBootstrapJccDoesNotKnowIsReported() throws IOException {
        // javac emits only the bootstraps jcc desugars; another compiler's class file may not.
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V21, Opcodes.ACC_PUBLIC, "Gen", null, "java/lang/Object", null);
        cw.visitSource("Gen.java", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "answer", "()I", null, null);
        mv.visitCode();
        Label start = new Label();
        mv.visitLabel(start);
        mv.visitLineNumber(7, start);
        mv.visitInvokeDynamicInsn("answer", "()I", new Handle(Opcodes.H_INVOKESTATIC, "Gen", "boot",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;", false));
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        Path classes = Files.createTempDirectory("gen");
        Files.write(classes.resolve("Gen.class"), cw.toByteArray());
        List<Diagnostic> ds = SubsetChecker.diagnose(new World(new ClassPath(List.of(classes))), List.of(classes), List.of());
        assertEquals(List.of("Gen.java:7: error: invokedynamic with bootstrap Gen.boot is outside the subset"),
                ds.stream().map(Diagnostic::format).toList());
    }
}
