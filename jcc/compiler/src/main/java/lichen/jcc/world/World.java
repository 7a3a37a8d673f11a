package lichen.jcc.world;

import lichen.jcc.CompileError;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.*;
import java.util.function.Consumer;

/**
 * The closed world: every class the program can reach, loaded on demand from
 * the {@link ClassPath}, with the JVM's rules for resolving methods and fields
 * (JVMS 5.4.3.3, 5.4.3.4, 5.4.6).
 */
public final class World {
    private final ClassPath classPath;
    private final Map<String, JClass> classes = new LinkedHashMap<>();
    private final List<Consumer<JClass>> onLoad = new ArrayList<>();

    public World(ClassPath classPath) { this.classPath = classPath; }

    public ClassPath classPath() { return classPath; }

    /** Runs for every class as it is loaded, before anyone sees it: the desugaring passes. */
    public void onLoad(Consumer<JClass> pass) { onLoad.add(pass); }

    public Collection<JClass> classes() { return Collections.unmodifiableCollection(classes.values()); }

    public boolean isLoaded(String name) { return classes.containsKey(name); }

    /** The class, loaded if need be; a compile error if the class is not provided. */
    public JClass get(String name) {
        JClass c = classes.get(name);
        if (c != null) return c;
        ClassPath.Found found = classPath.find(name);
        if (found == null) {
            throw new CompileError(name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("jdk/") || name.startsWith("sun/")
                    ? "class " + name.replace('/', '.') + " is not provided by jcc's runtime (see docs/subset.md)"
                    : "class " + name.replace('/', '.') + " not found on the class path");
        }
        return define(found.node(), found.origin());
    }

    /** Adds a class that jcc made itself (a lambda's class, say). */
    public JClass define(ClassNode node, ClassPath.Origin origin) {
        JClass c = new JClass(node, origin);
        classes.put(node.name, c);
        if (node.superName != null) {
            if (node.superName.equals(node.name)) throw new CompileError("class " + node.name + " extends itself");
            c.superclass = get(node.superName);
            c.superclass.subclasses.add(c);
        }
        for (String i : node.interfaces) {
            JClass ic = get(i);
            c.interfaces.add(ic);
            ic.subclasses.add(c);
        }
        for (Consumer<JClass> pass : onLoad) pass.accept(c);
        return c;
    }

    /** Method resolution (JVMS 5.4.3.3 / 5.4.3.4): the declaration a call names, searching supertypes. */
    public MethodRef resolveMethod(String owner, String name, String desc) {
        JClass start = get(owner);
        for (JClass c = start; c != null; c = c.superclass) {
            MethodNode m = c.method(name, desc);
            if (m != null) return new MethodRef(c, m);
        }
        MethodRef fromInterfaces = maximallySpecific(start, name, desc);
        if (fromInterfaces != null) return fromInterfaces;
        if (start.isInterface()) {
            MethodNode m = get("java/lang/Object").method(name, desc);
            if (m != null) return new MethodRef(get("java/lang/Object"), m);
        }
        throw new CompileError("method " + owner.replace('/', '.') + "." + name + desc + " not found"
                + (classPath.substitutions().isSubstituted(owner) ? " (jcc's runtime does not provide it; see docs/subset.md)" : ""));
    }

    /**
     * Virtual dispatch (JVMS 5.4.6): the method that runs when {@code name desc}
     * is invoked on an instance of {@code receiver}; null if it is abstract there.
     */
    public MethodRef selectVirtual(JClass receiver, String name, String desc) {
        for (JClass c = receiver; c != null; c = c.superclass) {
            MethodNode m = c.method(name, desc);
            if (m != null && (m.access & org.objectweb.asm.Opcodes.ACC_STATIC) == 0) {
                MethodRef r = new MethodRef(c, m);
                return r.isAbstract() ? maximallySpecificOrNull(receiver, name, desc) : r;
            }
        }
        return maximallySpecificOrNull(receiver, name, desc);
    }

    private MethodRef maximallySpecificOrNull(JClass receiver, String name, String desc) {
        MethodRef m = maximallySpecific(receiver, name, desc);
        return m == null || m.isAbstract() ? null : m;
    }

    /** The non-abstract interface method that no other candidate overrides (default methods). */
    private MethodRef maximallySpecific(JClass start, String name, String desc) {
        List<MethodRef> candidates = new ArrayList<>();
        Set<JClass> seen = new HashSet<>();
        Deque<JClass> todo = new ArrayDeque<>();
        for (JClass c = start; c != null; c = c.superclass) todo.addAll(c.interfaces);
        if (start.isInterface()) todo.add(start);
        while (!todo.isEmpty()) {
            JClass i = todo.poll();
            if (!seen.add(i)) continue;
            MethodNode m = i.method(name, desc);
            if (m != null && (m.access & (org.objectweb.asm.Opcodes.ACC_STATIC | org.objectweb.asm.Opcodes.ACC_PRIVATE)) == 0) {
                candidates.add(new MethodRef(i, m));
            }
            todo.addAll(i.interfaces);
        }
        MethodRef best = null;
        for (MethodRef c : candidates) {
            boolean overridden = false;
            for (MethodRef o : candidates) if (o != c && o.owner() != c.owner() && o.owner().isSubtypeOf(c.owner())) overridden = true;
            if (overridden) continue;
            if (best == null || (best.isAbstract() && !c.isAbstract())) best = c;
        }
        return best;
    }

    /** Field resolution (JVMS 5.4.3.2): the class that declares the field a getfield or getstatic names. */
    public JClass resolveFieldOwner(String owner, String name) {
        Deque<JClass> todo = new ArrayDeque<>();
        todo.add(get(owner));
        while (!todo.isEmpty()) {
            JClass c = todo.poll();
            FieldNode f = c.field(name);
            if (f != null) return c;
            todo.addAll(c.interfaces);
            if (c.superclass != null) todo.add(c.superclass);
        }
        throw new CompileError("field " + owner.replace('/', '.') + "." + name + " not found");
    }
}
