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

/** The rules beyond the subset proper: @Unsafe intrinsics and the effects (@Async, @Irq, spinlock guards). */
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
    void anOverrideOfAnAsyncInterfaceMethodMaySleepToo() throws IOException {
        Diagnostic d = only(check("Disks", """
                import lichen.api.Async;
                public class Disks {
                    interface Dev { @Async int read(); }
                    static final class Disk implements Dev { public int read() { return 1; } }
                    static int viaClass(Disk d) {
                        return d.read();
                    }
                }
                """));
        assertEquals(6, d.line());
        assertTrue(d.message().startsWith("Disks$Disk.read may sleep (@Async)"), d.message());
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
    }}
