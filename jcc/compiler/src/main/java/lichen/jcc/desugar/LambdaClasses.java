package lichen.jcc.desugar;

import lichen.jcc.CompileError;
import lichen.jcc.world.JClass;
import lichen.jcc.world.World;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Lambdas and method references: for each {@code LambdaMetafactory} call site
 * a small class that implements the functional interface, holds the captured
 * values in fields and forwards the interface method to the implementation
 * method. A static {@code create} replaces the call site, so a lambda is
 * allocated like any {@code new}.
 */
final class LambdaClasses {
    private static final int FLAG_SERIALIZABLE = 1, FLAG_MARKERS = 2, FLAG_BRIDGES = 4;

    private LambdaClasses() {}

    static MethodInsnNode generate(World world, JClass owner, InvokeDynamicInsnNode indy, String id) {
        Type samType = (Type) indy.bsmArgs[0];
        Handle impl = (Handle) indy.bsmArgs[1];
        Type instantiated = (Type) indy.bsmArgs[2];
        Type iface = Type.getReturnType(indy.desc);
        Type[] captured = Type.getArgumentTypes(indy.desc);

        ClassNode c = new ClassNode();
        c.version = Opcodes.V21;
        c.access = Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_SUPER;
        c.name = owner.name() + "$$Lambda$" + id;
        c.superName = "java/lang/Object";
        c.sourceFile = owner.node.sourceFile;
        c.interfaces.add(iface.getInternalName());
        List<Type> bridges = new ArrayList<>();
        if (indy.bsm.getName().equals("altMetafactory")) {
            int flags = (Integer) indy.bsmArgs[3];
            int k = 4;
            // A serializable lambda is an instance of java.io.Serializable (javac casts to it); nothing is ever serialised.
            if ((flags & FLAG_SERIALIZABLE) != 0 && !c.interfaces.contains("java/io/Serializable")) c.interfaces.add("java/io/Serializable");
            if ((flags & FLAG_MARKERS) != 0) {
                int n = (Integer) indy.bsmArgs[k++];
                for (int i = 0; i < n; i++) c.interfaces.add(((Type) indy.bsmArgs[k++]).getInternalName());
            }
            if ((flags & FLAG_BRIDGES) != 0) {
                int n = (Integer) indy.bsmArgs[k++];
                for (int i = 0; i < n; i++) bridges.add((Type) indy.bsmArgs[k++]);
            }
        }
        for (int i = 0; i < captured.length; i++) {
            c.fields.add(new FieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "c" + i, captured[i].getDescriptor(), null, null));
        }
        c.methods.add(constructor(c, captured));
        c.methods.add(factory(c, indy.desc, captured));
        c.methods.add(forwarder(c, indy.name, samType, instantiated, impl, captured));
        for (Type b : bridges) {
            if (!b.getDescriptor().equals(samType.getDescriptor())) c.methods.add(forwarder(c, indy.name, b, instantiated, impl, captured));
        }
        world.define(c, owner.origin);
        return new MethodInsnNode(Opcodes.INVOKESTATIC, c.name, "create", indy.desc, false);
    }

    private static MethodNode constructor(ClassNode c, Type[] captured) {
        MethodNode m = new MethodNode(Opcodes.ACC_PRIVATE, "<init>", Type.getMethodDescriptor(Type.VOID_TYPE, captured), null, null);
        InsnList code = m.instructions;
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false));
        int slot = 1;
        for (int i = 0; i < captured.length; i++) {
            code.add(new VarInsnNode(Opcodes.ALOAD, 0));
            code.add(Bytecode.load(captured[i], slot));
            code.add(new FieldInsnNode(Opcodes.PUTFIELD, c.name, "c" + i, captured[i].getDescriptor()));
            slot += captured[i].getSize();
        }
        code.add(new InsnNode(Opcodes.RETURN));
        m.maxLocals = slot;
        m.maxStack = 3;
        return m;
    }

    private static MethodNode factory(ClassNode c, String desc, Type[] captured) {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "create", desc, null, null);
        InsnList code = m.instructions;
        code.add(new TypeInsnNode(Opcodes.NEW, c.name));
        code.add(new InsnNode(Opcodes.DUP));
        int slot = 0;
        for (Type t : captured) {
            code.add(Bytecode.load(t, slot));
            slot += t.getSize();
        }
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, c.name, "<init>", Type.getMethodDescriptor(Type.VOID_TYPE, captured), false));
        code.add(new InsnNode(Opcodes.ARETURN));
        m.maxLocals = slot;
        m.maxStack = slot + 2;
        return m;
    }

    /** The interface method: captured values, then the arguments, converted to what the implementation takes. */
    private static MethodNode forwarder(ClassNode c, String name, Type sam, Type instantiated, Handle impl,
                                        Type[] captured) {
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC, name, sam.getDescriptor(), null, null);
        InsnList code = m.instructions;
        Type implDesc = Type.getMethodType(impl.getDesc());
        List<Type> wanted = new ArrayList<>();
        int kind = impl.getTag();
        boolean hasReceiver = kind == Opcodes.H_INVOKEVIRTUAL || kind == Opcodes.H_INVOKEINTERFACE || kind == Opcodes.H_INVOKESPECIAL;
        if (kind == Opcodes.H_NEWINVOKESPECIAL) {
            code.add(new TypeInsnNode(Opcodes.NEW, impl.getOwner()));
            code.add(new InsnNode(Opcodes.DUP));
        }
        if (hasReceiver) wanted.add(Type.getObjectType(impl.getOwner()));
        wanted.addAll(List.of(implDesc.getArgumentTypes()));

        int w = 0;
        for (int i = 0; i < captured.length; i++) {
            code.add(new VarInsnNode(Opcodes.ALOAD, 0));
            code.add(new FieldInsnNode(Opcodes.GETFIELD, c.name, "c" + i, captured[i].getDescriptor()));
            convert(code, captured[i], wanted.get(w++));
        }
        Type[] samArgs = sam.getArgumentTypes();
        Type[] instArgs = instantiated.getArgumentTypes();
        int slot = 1;
        for (int i = 0; i < samArgs.length; i++) {
            code.add(Bytecode.load(samArgs[i], slot));
            slot += samArgs[i].getSize();
            Type via = i < instArgs.length ? instArgs[i] : samArgs[i];
            if (via.getSort() >= Type.ARRAY && !via.equals(samArgs[i])) code.add(new TypeInsnNode(Opcodes.CHECKCAST, via.getInternalName()));
            if (w >= wanted.size()) throw new CompileError("lambda " + impl.getName() + ": arity mismatch");
            convert(code, via, wanted.get(w++));
        }
        int op = switch (kind) {
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
            case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
            case Opcodes.H_INVOKESPECIAL, Opcodes.H_NEWINVOKESPECIAL -> Opcodes.INVOKESPECIAL;
            default -> throw new CompileError("method handle kind " + kind + " is outside the subset");
        };
        code.add(new MethodInsnNode(op, impl.getOwner(), impl.getName(), impl.getDesc(), impl.isInterface()));
        Type produced = kind == Opcodes.H_NEWINVOKESPECIAL ? Type.getObjectType(impl.getOwner()) : implDesc.getReturnType();
        Type result = sam.getReturnType();
        if (result.getSort() == Type.VOID) {
            if (produced.getSize() == 1) code.add(new InsnNode(Opcodes.POP));
            else if (produced.getSize() == 2) code.add(new InsnNode(Opcodes.POP2));
            code.add(new InsnNode(Opcodes.RETURN));
        } else {
            convert(code, produced, result);
            code.add(Bytecode.ret(result));
        }
        m.maxLocals = slot;
        m.maxStack = Bytecode.argumentSlots(wanted.toArray(new Type[0])) + 4;
        return m;
    }

    /** Widening primitive conversions and reference casts; boxing is outside the subset. */
    private static void convert(InsnList code, Type from, Type to) {
        if (from.equals(to)) return;
        boolean fromRef = from.getSort() >= Type.ARRAY, toRef = to.getSort() >= Type.ARRAY;
        if (fromRef && toRef) {
            if (!to.getDescriptor().equals("Ljava/lang/Object;")) code.add(new TypeInsnNode(Opcodes.CHECKCAST, to.getInternalName()));
            return;
        }
        if (fromRef || toRef) {
            throw new CompileError("a lambda or method reference that boxes " + from.getClassName() + " to "
                    + to.getClassName() + " is outside the subset (no boxing)");
        }
        int f = category(from), t = category(to);
        if (f == t) return;
        int op = switch (f * 10 + t) {
            case 12 -> Opcodes.I2L; case 13 -> Opcodes.I2F; case 14 -> Opcodes.I2D;
            case 23 -> Opcodes.L2F; case 24 -> Opcodes.L2D; case 34 -> Opcodes.F2D;
            default -> throw new CompileError("cannot convert " + from.getClassName() + " to " + to.getClassName() + " in a lambda");
        };
        code.add(new InsnNode(op));
    }

    private static int category(Type t) {
        return switch (t.getSort()) {
            case Type.LONG -> 2;
            case Type.FLOAT -> 3;
            case Type.DOUBLE -> 4;
            default -> 1;
        };
    }
}
