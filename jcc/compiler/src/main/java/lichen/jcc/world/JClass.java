package lichen.jcc.world;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayList;
import java.util.List;

/** A class of the closed world: its bytecode, where it came from, and its place in the hierarchy. */
public final class JClass {
    public final ClassNode node;
    public final ClassPath.Origin origin;
    public JClass superclass;
    public final List<JClass> interfaces = new ArrayList<>();
    public final List<JClass> subclasses = new ArrayList<>();

    JClass(ClassNode node, ClassPath.Origin origin) {
        this.node = node;
        this.origin = origin;
    }

    public String name() { return node.name; }

    public boolean isInterface() { return (node.access & Opcodes.ACC_INTERFACE) != 0; }

    public boolean isAbstract() { return (node.access & Opcodes.ACC_ABSTRACT) != 0; }

    public MethodNode method(String name, String desc) {
        for (MethodNode m : node.methods) if (m.name.equals(name) && m.desc.equals(desc)) return m;
        return null;
    }

    public FieldNode field(String name) {
        for (FieldNode f : node.fields) if (f.name.equals(name)) return f;
        return null;
    }

    /** Whether this class is {@code other} or inherits from it, through classes or interfaces. */
    public boolean isSubtypeOf(JClass other) {
        if (this == other) return true;
        if (superclass != null && superclass.isSubtypeOf(other)) return true;
        for (JClass i : interfaces) if (i.isSubtypeOf(other)) return true;
        return false;
    }

    /** The source file javac recorded, for diagnostics and backtraces. */
    public String sourceFile() { return node.sourceFile == null ? "Unknown" : node.sourceFile; }

    @Override
    public String toString() { return node.name; }
}
