package lichen.jcc.desugar;

import lichen.jcc.CompileError;
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

    static MethodInsnNode generate(ClassNode owner, InvokeDynamicInsnNode indy, String id) {
        boolean enumSwitch = indy.bsm.getName().equals("enumSwitch");
        MethodNode m = IndyDesugar.addStatic(owner, "jcc$switch$" + id, indy.desc);
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
