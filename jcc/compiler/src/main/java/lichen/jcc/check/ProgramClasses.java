package lichen.jcc.check;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files the checker reads: all of the program's (not only what main
 * reaches; {@code jcc check} is for whole modules), as javac wrote them, before
 * jcc's desugaring, so that lines and local variable tables are the source's.
 */
final class ProgramClasses {
    private ProgramClasses() {}

    /** Every class file under the roots (directories and jars), read raw. */
    static List<ClassNode> read(List<Path> roots) {
        List<ClassNode> out = new ArrayList<>();
        for (Path root : roots) {
            try {
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                            if (f.toString().endsWith(".class")) out.add(parse(Files.readAllBytes(f)));
                        }
                    }
                } else if (Files.isRegularFile(root)) {
                    try (ZipFile z = new ZipFile(root.toFile())) {
                        for (ZipEntry e : Collections.list(z.entries())) {
                            if (!e.getName().endsWith(".class")) continue;
                            try (InputStream in = z.getInputStream(e)) { out.add(parse(in.readAllBytes())); }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static ClassNode parse(byte[] bytes) {
        ClassNode n = new ClassNode();
        new ClassReader(bytes).accept(n, 0);
        return n;
    }
}
