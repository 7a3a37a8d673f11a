package lichen.jcc.check;

import lichen.jcc.front.JavaSources;
import lichen.jcc.world.ClassPath;
import lichen.jcc.world.World;
import lichen.libkernel.sync.SpinLock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per rule of docs/subset.md: the diagnostic's text, line, column, source line and caret. */
class SubsetCheckerTest {
    private static List<Diagnostic> check(String className, String source) throws IOException {
        Path dir = Files.createTempDirectory("check");
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        Path classes = JavaSources.compile(List.of(file), List.of(), dir.resolve("classes"));
        World world = new World(new ClassPath(List.of(classes)));
        return SubsetChecker.diagnose(world, List.of(classes), List.of(file));
    }

    private static Diagnostic only(List<Diagnostic> ds) {
        assertEquals(1, ds.size(), () -> "diagnostics: " + ds.stream().map(Diagnostic::format).toList());
        return ds.getFirst();
    }

    @Test
    void synchronizedBlockIsRejectedAtItsKeyword() throws IOException {
        Diagnostic d = only(check("Sync", """
                public class Sync {
                    static int n;
                    static void bump(Object lock) {
                        synchronized (lock) { n++; }
                    }
                }
                """));
        assertEquals(4, d.line());
        assertEquals(9, d.column());
        assertEquals("synchronized is outside the subset", d.message());
        assertTrue(d.format().endsWith("        synchronized (lock) { n++; }\n        ^"), d.format());
    }

    @Test
    void synchronizedMethodIsRejected() throws IOException {
        Diagnostic d = only(check("SyncMethod", """
                public class SyncMethod {
                    static int n;
                    static synchronized void bump() {
                        n++;
                    }
                }
                """));
        assertEquals(3, d.line());
        assertEquals(12, d.column());
    }

    @Test
    void catchIsRejectedAtTheCatchKeyword() throws IOException {
        Diagnostic d = only(check("Catch", """
                public class Catch {
                    static int parse(String s) {
                        try {
                            return Integer.parseInt(s);
                        } catch (NumberFormatException e) {
                            return -1;
                        }
                    }
                }
                """));
        assertEquals(5, d.line());
        assertEquals(11, d.column());
        assertTrue(d.message().startsWith("catch is outside the subset"), d.message());
    }

    @Test
    void aCatchOnTheTryLineIsRejectedToo() throws IOException {
        Diagnostic d = only(check("OneLine", """
                public class OneLine {
                    static int f(Object o) {
                        try { return o.hashCode(); } catch (RuntimeException e) { return 0; }
                    }
                }
                """));
        assertEquals(3, d.line());
        assertEquals(38, d.column());
    }

    @Test
    void boxingIsRejected() throws IOException {
        Diagnostic d = only(check("Box", """
                public class Box {
                    static Object box(int x) {
                        return x;
                    }
                }
                """));
        assertEquals(3, d.line());
        assertEquals(9, d.column());
        assertEquals("boxing to Integer is outside the subset (no boxed values)", d.message());
    }

    @Test
    void threadsAreRejected() throws IOException {
        Diagnostic d = only(check("Threads", """
                public class Threads {
                    static void run() {
                        new Thread(() -> {}).start();
                    }
                }
                """).stream().filter(x -> x.message().startsWith("threads")).limit(1).toList());
        assertEquals(3, d.line());
        assertEquals(13, d.column());
    }

    @Test
    void waitAndNotifyAreRejected() throws IOException {
        Diagnostic d = only(check("Waits", """
                public class Waits {
                    static void park(Object o) throws InterruptedException {
                        o.wait();
                    }
                }
                """));
        assertEquals("wait is outside the subset (no monitors)", d.message());
        assertEquals(11, d.column());
    }

    @Test
    void reflectionAndClassLiteralsAreRejected() throws IOException {
        List<Diagnostic> ds = check("Reflect", """
                public class Reflect {
                    static String name() {
                        return Reflect.class.getName();
                    }
                }
                """);
        assertEquals(2, ds.size(), () -> ds.stream().map(Diagnostic::format).toList().toString());
        assertTrue(ds.stream().anyMatch(d -> d.message().startsWith("class literals") && d.column() == 23), ds.toString());
        assertTrue(ds.stream().anyMatch(d -> d.message().startsWith("reflection is outside the subset (java.lang.Class.getName)")), ds.toString());
    }

    @Test
    void classLoadingIsRejected() throws IOException {
        Diagnostic d = only(check("Loader", """
                public class Loader {
                    static Object parent(ClassLoader l) {
                        return l.getParent();
                    }
                }
                """));
        assertEquals("class loading is outside the subset", d.message());
    }

    @Test
    void finalizersAreRejected() throws IOException {
        Diagnostic d = only(check("Fin", """
                public class Fin {
                    @Override
                    protected void finalize() {
                        System.out.println("gone");
                    }
                }
                """));
        assertEquals(3, d.line());
        assertEquals(20, d.column());
    }

    @Test
    void aJdkClassTheRuntimeDoesNotProvideIsNamed() throws IOException {
        Diagnostic d = only(check("Lists", """
                public class Lists {
                    static Object make() {
                        return new java.util.ArrayList<String>();
                    }
                }
                """));
        assertEquals("class java.util.ArrayList is not provided by jcc's runtime (see docs/subset.md)", d.message());
        assertEquals(3, d.line());
        assertEquals(30, d.column(), "at the class's simple name");
    }

    @Test
    void aMissingRuntimeMethodIsNamed() throws IOException {
        Diagnostic d = only(check("Fmt", """
                public class Fmt {
                    static String f(String s) {
                        return String.format("%s!", s);
                    }
                }
                """));
        assertEquals("method java.lang.String.format is not provided by jcc's runtime (see docs/subset.md)", d.message());
    }

    @Test
    void intrinsicsOutsideUnsafeClassesAreRejected() throws IOException {
        Diagnostic d = only(check("Poke", """
                public class Poke {
                    static void poke() {
                        lichen.api.Mmio.write32(0x09000000L, 65);
                    }
                }
                """));
        assertTrue(d.message().startsWith("lichen.api.Mmio.write32 is allowed only in @Unsafe classes"), d.message());
        assertEquals(20, d.column());
    }

    @Test
    void anAsyncMethodIsCalledOnlyFromAsyncCodeOrAnAsyncLambda() throws IOException {
        Diagnostic d = only(check("Sleepy", """
                import lichen.api.Async;
                public class Sleepy {
                    interface Body { @Async void run(); }
                    @Async static void sleep() {}
                    @Async static void fine() { sleep(); }
                    static Body handedOver() { return () -> sleep(); }
                    static void wrong() {
                        sleep();
                    }
                }
                """));
        assertEquals(8, d.line());
        assertEquals(9, d.column());
        assertTrue(d.message().startsWith("Sleepy.sleep may sleep (@Async): call it only from @Async methods"), d.message());
    }

    @Test
    void noSpinlockGuardIsLiveAcrossAnAsyncCall() throws IOException {
        Path dir = Files.createTempDirectory("guard");
        Path file = dir.resolve("Guarded.java");
        Files.writeString(file, """
                import lichen.api.Async;
                import lichen.libkernel.sync.SpinGuard;
                import lichen.libkernel.sync.SpinLock;
                public class Guarded {
                    static final SpinLock lock = new SpinLock();
                    static int n;
                    @Async static void sleep() {}
                    @Async static void released() {
                        try (SpinGuard g = lock.lock()) { n++; }
                        sleep();
                    }
                    @Async static void held() {
                        try (SpinGuard g = lock.lock()) {
                            n++;
                            sleep();
                        }
                    }
                }
                """);
        Path libkernel = Path.of(SpinLock.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path classes = JavaSources.compile(List.of(file), List.of(libkernel), dir.resolve("classes"));
        World world = new World(new ClassPath(List.of(classes, libkernel)));
        Diagnostic d = only(SubsetChecker.diagnose(world, List.of(classes), List.of(file)));
        assertEquals(15, d.line());
        assertTrue(d.message().endsWith("a task must not sleep holding a spinlock"), d.message());
    }

    @Test
    void interruptContextNeitherSleepsNorAllocates() throws IOException {
        List<Diagnostic> ds = check("Handler", """
                import lichen.api.Async;
                import lichen.api.Irq;
                public class Handler {
                    @Async static void sleep() {}
                    @Irq static void tick() {
                        int[] counts = new int[4];
                        sleep();
                    }
                }
                """);
        assertEquals(2, ds.size(), ds.toString());
        assertEquals("interrupt context (@Irq) must not allocate", ds.get(0).message());
        assertEquals(6, ds.get(0).line());
        assertEquals("Handler.sleep may sleep (@Async) and interrupt context (@Irq) must not", ds.get(1).message());
    }

    @Test
    void theSubsetItselfProducesNoDiagnostics() throws IOException {
        List<Diagnostic> ds = check("Clean", """
                import java.util.function.IntBinaryOperator;
                public class Clean {
                    sealed interface Shape permits Sq, Circle {}
                    record Sq(int s) implements Shape {}
                    record Circle(double r) implements Shape {}
                    enum Color { RED, GREEN }
                    static final class Res implements AutoCloseable { public void close() {} }
                    static String describe(Shape s) {
                        return switch (s) { case Sq q when q.s() > 2 -> "big"; case Sq q -> "sq"; case Circle c -> "c" + c.r(); };
                    }
                    static int color(Color c) { return switch (c) { case RED -> 1; case GREEN -> 2; }; }
                    static int word(String w) { switch (w) { case "a": return 1; default: return 0; } }
                    public static void main(String[] args) {
                        try (Res r = new Res()) {
                            IntBinaryOperator add = (a, b) -> a + b;
                            int[] xs = {1, 2, 3};
                            int t = 0;
                            for (int x : xs) t += add.applyAsInt(x, 1);
                            System.out.println(describe(new Sq(t)) + color(Color.RED) + word("a") + Color.valueOf("RED").ordinal());
                        } finally {
                            System.out.println("done");
                        }
                    }
                }
                """);
        assertTrue(ds.isEmpty(), () -> ds.stream().map(Diagnostic::format).toList().toString());
    }
}
