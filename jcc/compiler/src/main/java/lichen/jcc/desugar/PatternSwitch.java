package lichen.jcc.desugar;

import lichen.jcc.CompileError;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;

/**
 * {@code SwitchBootstraps.typeSwitch} and {@code enumSwitch}: the index of the
 * first case label at or after {@code restart} that the target matches, -1 for
 * null, the number of labels when none matches (the JDK's contract). Class
 * labels test {@code instanceof}, String labels {@code equals}, and enum
 * labels compare the constant's name.
 */
final class PatternSwitch {
    private PatternSwitch() {}

    /**
     * A primitive selector, as javac emits for a record component's primitive pattern: a label
     * that is the selector's own primitive class always matches (the value is exactly itself);
     * other primitive conversions are not in the subset yet.
     */
    private static MethodInsnNode primitive(ClassNode owner, InvokeDynamicInsnNode indy, MethodNode m, Type selector) {
        InsnList code = m.instructions;
        int restart = selector.getSize();
        Object[] labels = indy.bsmArgs;
        for (int i = 0; i < labels.length; i++) {
            if (!(labels[i] instanceof ConstantDynamic c) || !c.getBootstrapMethod().getName().equals("primitiveClass")
                    || !c.getName().equals(selector.getDescriptor())) {
                throw new CompileError(owner.sourceFile + ": a primitive pattern that converts " + selector.getClassName()
                        + " (label " + labels[i] + ") is outside the subset");
            }
            LabelNode next = new LabelNode(new Label());
            code.add(new VarInsnNode(Opcodes.ILOAD, restart));
            code.add(Bytecode.ldc(i));
            code.add(new JumpInsnNode(Opcodes.IF_ICMPGT, next));
            code.add(Bytecode.ldc(i));
            code.add(new InsnNode(Opcodes.IRETURN));
            code.add(next);
        }
        code.add(Bytecode.ldc(labels.length));
        code.add(new InsnNode(Opcodes.IRETURN));
        m.maxLocals = restart + 1;
        m.maxStack = 2;
        return IndyDesugar.callStatic(owner, m);
    }

    static MethodInsnNode generate(ClassNode owner, InvokeDynamicInsnNode indy, String id) {
        boolean enumSwitch = indy.bsm.getName().equals("enumSwitch");
        MethodNode m = IndyDesugar.addStatic(owner, "jcc$switch$" + id, indy.desc);
        Type selector = Type.getArgumentTypes(indy.desc)[0];
        if (selector.getSort() < Type.ARRAY) return primitive(owner, indy, m, selector);
        InsnList code = m.instructions;
        LabelNode notNull = new LabelNode(new Label());
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(new JumpInsnNode(Opcodes.IFNONNULL, notNull));
        code.add(new InsnNode(Opcodes.ICONST_M1));
        code.add(new InsnNode(Opcodes.IRETURN));
        code.add(notNull);
        Object[] labels = indy.bsmArgs;
        for (int i = 0; i < labels.length; i++) {
            LabelNode next = new LabelNode(new Label());
            code.add(new VarInsnNode(Opcodes.ILOAD, 1));
            code.add(Bytecode.ldc(i));
            code.add(new JumpInsnNode(Opcodes.IF_ICMPGT, next));
            Object label = labels[i];
            if (label instanceof Type t) {
                code.add(new VarInsnNode(Opcodes.ALOAD, 0));
                code.add(new TypeInsnNode(Opcodes.INSTANCEOF, t.getInternalName()));
                code.add(new JumpInsnNode(Opcodes.IFEQ, next));
            } else if (label instanceof String s) {
                code.add(Bytecode.ldc(s));
                code.add(new VarInsnNode(Opcodes.ALOAD, 0));
                if (enumSwitch) {
                    code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/Enum", "name", "()Ljava/lang/String;", false));
                }
                code.add(Bytecode.invoke(Opcodes.INVOKEVIRTUAL, "java/lang/String", "equals", "(Ljava/lang/Object;)Z"));
                code.add(new JumpInsnNode(Opcodes.IFEQ, next));
            } else {
                throw new CompileError(owner.sourceFile + ": a switch case label of kind " + label.getClass().getSimpleName()
                        + " (" + label + ") is outside the subset (no boxing)");
            }
            code.add(Bytecode.ldc(i));
            code.add(new InsnNode(Opcodes.IRETURN));
            code.add(next);
        }
        code.add(Bytecode.ldc(labels.length));
        code.add(new InsnNode(Opcodes.IRETURN));
        m.maxLocals = 2;
        m.maxStack = 3;
        return IndyDesugar.callStatic(owner, m);
    }
}
