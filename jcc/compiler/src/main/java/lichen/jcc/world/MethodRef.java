package lichen.jcc.world;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/** A method of a class in the world: the unit that reachability finds and lowering compiles. */
public record MethodRef(JClass owner, MethodNode node) {
    public String name() { return node.name; }

    public String desc() { return node.desc; }

    public boolean isStatic() { return (node.access & Opcodes.ACC_STATIC) != 0; }

    public boolean isAbstract() { return (node.access & Opcodes.ACC_ABSTRACT) != 0; }

    public boolean isNative() { return (node.access & Opcodes.ACC_NATIVE) != 0; }

    public boolean isPrivate() { return (node.access & Opcodes.ACC_PRIVATE) != 0; }

    /** Whether calls through a vtable or itable may reach it. */
    public boolean isVirtual() { return !isStatic() && !isPrivate() && !node.name.equals("<init>") && !node.name.equals("<clinit>"); }

    /** "Owner.name(desc)": the method's symbol in the image. */
    public String symbol() { return owner.name() + "." + node.name + node.desc; }

    public String signature() { return node.name + node.desc; }

    @Override
    public boolean equals(Object o) { return o instanceof MethodRef m && m.owner == owner && m.node == node; }

    @Override
    public int hashCode() { return System.identityHashCode(node); }

    @Override
    public String toString() { return symbol(); }
}
