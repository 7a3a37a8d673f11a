package lichen.jcc.image;

import lichen.jcc.CompileError;
import lichen.jcc.world.ClassPath;
import lichen.jcc.world.JClass;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Static initialisers run here, on the JVM, at compile time (DESIGN.md,
 * "Build-time initialisation"): the program's classes are loaded by a class
 * loader of their own and initialised as the JVM would, and their static
 * fields are read back to be frozen into the image.
 */
final class BuildTimeInit {
    private final URLClassLoader loader;

    BuildTimeInit(List<Path> programRoots) {
        URL[] urls = programRoots.stream().map(BuildTimeInit::url).toArray(URL[]::new);
        loader = new URLClassLoader("jcc-build-time", urls, BuildTimeInit.class.getClassLoader());
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The values of a class's static fields after its initialiser ran: field name to value (boxed for primitives). */
    Map<String, Object> staticValues(JClass c) {
        Class<?> k = load(c);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : k.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) continue;
            // Compile-time constants (a ConstantValue attribute) are inlined by javac and initialised from the class file.
            org.objectweb.asm.tree.FieldNode node = c.field(f.getName());
            if (node != null && node.value != null && Modifier.isFinal(f.getModifiers())) continue;
            try {
                f.setAccessible(true);
                values.put(f.getName(), f.get(null));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new CompileError("cannot read static field " + c.name().replace('/', '.') + "." + f.getName()
                        + " after build-time initialisation: " + e);
            }
        }
        return values;
    }

    private Class<?> load(JClass c) {
        String name = c.name().replace('/', '.');
        try {
            ClassLoader from = c.origin == ClassPath.Origin.PROGRAM ? loader : ClassLoader.getSystemClassLoader();
            return Class.forName(name, true, from);
        } catch (ExceptionInInitializerError e) {
            throw new CompileError("the static initialiser of " + name + " failed at build time: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CompileError("cannot initialise " + name + " at build time: " + e);
        }
    }
}
