package lichen.jcc;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code jcc unsafe}: the classes marked {@code @Unsafe} in the given class
 * directories, each with the source lines its code spans, and the total. The
 * only classes that may touch raw memory, devices, system registers and
 * system calls, so this is the list a reviewer reads closely (DESIGN.md,
 * "Raw memory and hardware").
 */
final class UnsafeSurface {
    private UnsafeSurface() {}

    record Entry(String className, String sourceFile, int lines) {}

    static List<Entry> scan(List<Path> roots) {
        List<Entry> entries = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                    if (!f.toString().endsWith(".class")) continue;
                    ClassNode c = new ClassNode();
                    new ClassReader(Files.readAllBytes(f)).accept(c, ClassReader.SKIP_FRAMES);
                    if (!isUnsafe(c)) continue;
                    entries.add(new Entry(c.name.replace('/', '.'), c.sourceFile, lineSpan(c)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    static void print(List<Entry> entries, PrintStream out) {
        int total = 0;
        for (Entry e : entries) {
            out.printf("%-56s %-28s %5d lines%n", e.className(), e.sourceFile(), e.lines());
            total += e.lines();
        }
        out.printf("%d @Unsafe classes, %d lines of code%n", entries.size(), total);
    }

    private static boolean isUnsafe(ClassNode c) {
        if (c.invisibleAnnotations == null) return false;
        for (AnnotationNode a : c.invisibleAnnotations) if (a.desc.equals("Llichen/api/Unsafe;")) return true;
        return false;
    }

    /** From the first to the last source line that any method's code comes from. */
    private static int lineSpan(ClassNode c) {
        int min = Integer.MAX_VALUE, max = 0;
        for (MethodNode m : c.methods) {
            for (AbstractInsnNode i : m.instructions) {
                if (i instanceof LineNumberNode ln) {
                    min = Math.min(min, ln.line);
                    max = Math.max(max, ln.line);
                }
            }
        }
        return max == 0 ? 0 : max - min + 1;
    }
}
