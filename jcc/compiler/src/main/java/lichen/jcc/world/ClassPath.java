package lichen.jcc.world;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.tree.ClassNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where class files come from, in order: the runtime's substitutes for java.*
 * classes (renamed, see {@link Substitutions}), the runtime's own classes, the
 * program's class directories and jars, the jcc API, and a short list of JDK
 * classes whose bytecode is inside the subset as it is (interfaces, exceptions,
 * Math). Anything else from java.* is not provided.
 */
public final class ClassPath {
    /** JDK classes compiled from the JDK's own class files. */
    static final Set<String> JDK_AS_IS = Set.of(
            "java/lang/Runnable", "java/lang/AutoCloseable", "java/lang/Comparable", "java/lang/CharSequence",
            "java/lang/Iterable", "java/lang/Math", "java/lang/StrictMath", "java/lang/Record", "java/lang/Cloneable", "java/io/Serializable",
            "java/lang/Exception", "java/lang/RuntimeException", "java/lang/Error", "java/lang/AssertionError",
            "java/lang/IllegalArgumentException", "java/lang/IllegalStateException",
            "java/lang/UnsupportedOperationException", "java/lang/IndexOutOfBoundsException",
            "java/lang/ArrayIndexOutOfBoundsException", "java/lang/StringIndexOutOfBoundsException",
            "java/lang/ArithmeticException", "java/lang/ClassCastException", "java/lang/NegativeArraySizeException",
            "java/lang/ArrayStoreException", "java/lang/NumberFormatException", "java/lang/MatchException",
            "java/util/Iterator", "java/util/Comparator", "java/util/Objects", "java/util/NoSuchElementException",
            "java/lang/FunctionalInterface", "java/lang/Override", "java/lang/Deprecated", "java/lang/SafeVarargs");

    private final List<Path> programRoots;
    private final Map<String, byte[]> runtime = new HashMap<>();
    private final Substitutions substitutions = new Substitutions();
    private final Map<String, ZipFile> jars = new HashMap<>();

    public ClassPath(List<Path> programRoots) {
        this.programRoots = List.copyOf(programRoots);
        loadRuntime();
    }

    public Substitutions substitutions() { return substitutions; }

    public List<Path> programRoots() { return programRoots; }

    /** Where a class comes from; decides how it is initialised and checked. */
    public enum Origin { RUNTIME, PROGRAM, API, JDK }

    public record Found(ClassNode node, Origin origin) {}

    /** Reads and, for runtime classes, renames a class; null when it is not provided. */
    public Found find(String name) {
        String runtimeName = substitutions.runtimeClassFor(name);
        if (runtimeName == null && runtime.containsKey(name) && Substitutions.javaNameOf(name) == null) runtimeName = name;
        if (runtimeName != null && runtime.containsKey(runtimeName)) {
            return new Found(readRemapped(runtime.get(runtimeName)), Origin.RUNTIME);
        }
        byte[] bytes = fromProgram(name);
        if (bytes != null) return new Found(read(bytes), Origin.PROGRAM);
        if (name.startsWith("lichen/api/")) {
            bytes = fromResource(name);
            if (bytes != null) return new Found(read(bytes), Origin.API);
        }
        if (JDK_AS_IS.contains(name) || name.startsWith("java/util/function/") || isFdLibm(name)) {
            bytes = fromResource(name);
            if (bytes != null) return new Found(read(bytes), Origin.JDK);
        }
        return null;
    }

    /** StrictMath's functions are the JDK's Java port of fdlibm (java.lang.FdLibm and its nested classes, one per function). */
    private static boolean isFdLibm(String name) {
        return name.equals("java/lang/FdLibm") || name.startsWith("java/lang/FdLibm$");
    }

    private ClassNode read(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        return node;
    }

    private ClassNode readRemapped(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(new ClassRemapper(node, substitutions), 0);
        // TObject extends the JDK's Object in source; renamed, it is the root and has no superclass.
        if (node.name.equals("java/lang/Object")) {
            node.superName = null;
            for (org.objectweb.asm.tree.MethodNode m : node.methods) if (m.name.equals("<init>")) dropSuperConstructorCall(m);
        }
        return node;
    }

    /** The root class's constructor has no superclass constructor to call: its "aload_0; invokespecial" goes. */
    private static void dropSuperConstructorCall(org.objectweb.asm.tree.MethodNode m) {
        for (org.objectweb.asm.tree.AbstractInsnNode insn : m.instructions.toArray()) {
            if (insn instanceof org.objectweb.asm.tree.MethodInsnNode call && call.name.equals("<init>")
                    && call.owner.equals("java/lang/Object")) {
                m.instructions.remove(call.getPrevious());
                m.instructions.remove(call);
            }
        }
    }

    private byte[] fromProgram(String name) {
        for (Path root : programRoots) {
            if (Files.isDirectory(root)) {
                Path f = root.resolve(name + ".class");
                if (Files.isRegularFile(f)) {
                    try {
                        return Files.readAllBytes(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            } else {
                try {
                    ZipFile z = jars.computeIfAbsent(root.toString(), k -> openJar(root));
                    ZipEntry e = z.getEntry(name + ".class");
                    if (e != null) try (InputStream in = z.getInputStream(e)) { return in.readAllBytes(); }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return null;
    }

    private static ZipFile openJar(Path p) {
        try {
            return new ZipFile(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + p, e);
        }
    }

    private static byte[] fromResource(String name) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every class file of the runtime module, wherever it is (a directory in development, a jar when
     * installed), then those of the directories in the system property {@code jcc.runtime}, which
     * override it: how a runtime under development is tried without reinstalling jcc.
     */
    private void loadRuntime() {
        Path where;
        try {
            where = Path.of(lichen.rt.Intrinsics.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        loadRuntimeFrom(where);
        String extra = System.getProperty("jcc.runtime", "");
        for (String dir : extra.split(java.io.File.pathSeparator)) if (!dir.isEmpty()) loadRuntimeFrom(Path.of(dir));
    }

    private void loadRuntimeFrom(Path where) {
        if (Files.isDirectory(where)) {
            try (Stream<Path> files = Files.walk(where)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String rel = where.relativize(f).toString().replace('\\', '/');
                    if (rel.startsWith("lichen/rt/") && rel.endsWith(".class")) addRuntime(rel, Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            try (ZipFile z = new ZipFile(where.toFile())) {
                for (ZipEntry e : Collections.list(z.entries())) {
                    if (e.getName().startsWith("lichen/rt/") && e.getName().endsWith(".class")) {
                        try (InputStream in = z.getInputStream(e)) { addRuntime(e.getName(), in.readAllBytes()); }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void addRuntime(String file, byte[] bytes) {
        String name = file.substring(0, file.length() - ".class".length());
        runtime.put(name, bytes);
        if (name.indexOf('$') < 0) substitutions.register(name);
    }
}
