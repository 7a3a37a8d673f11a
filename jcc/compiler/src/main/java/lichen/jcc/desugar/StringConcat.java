package lichen.jcc.desugar;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;

/**
 * {@code makeConcatWithConstants}: the recipe string has \1 for each argument
 * and \2 for each constant; the rest is literal text. The generated method
 * appends each piece to a StringBuilder, as javac's inline strategy would.
 */
final class StringConcat {
    private StringConcat() {}

    static MethodInsnNode generate(ClassNode owner, InvokeDynamicInsnNode indy, String id) {
        String recipe = (String) indy.bsmArgs[0];
        MethodNode m = IndyDesugar.addStatic(owner, "jcc$concat$" + id, indy.desc);
        InsnList code = m.instructions;
        code.add(new TypeInsnNode(Opcodes.NEW, "java/lang/StringBuilder"));
        code.add(new InsnNode(Opcodes.DUP));
        code.add(Bytecode.invoke(Opcodes.INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "()V"));
        Type[] args = Type.getArgumentTypes(indy.desc);
        int arg = 0, slot = 0, constant = 1;
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < recipe.length(); i++) {
            char ch = recipe.charAt(i);
            if (ch == '\u0001' || ch == '\u0002') {
                flush(code, literal);
                if (ch == '\u0001') {
                    Type t = args[arg++];
                    code.add(Bytecode.load(t, slot));
                    slot += t.getSize();
                    code.add(Bytecode.append(t));
                } else {
                    Object c = indy.bsmArgs[constant++];
                    literal.append(c);
                }
            } else {
                literal.append(ch);
            }
        }
        flush(code, literal);
        code.add(Bytecode.invoke(Opcodes.INVOKEVIRTUAL, "java/lang/StringBuilder", "toString", "()Ljava/lang/String;"));
        code.add(new InsnNode(Opcodes.ARETURN));
        m.maxLocals = slot;
        m.maxStack = 4;
        return IndyDesugar.callStatic(owner, m);
    }

    private static void flush(InsnList code, StringBuilder literal) {
        if (literal.isEmpty()) return;
        code.add(Bytecode.ldc(literal.toString()));
        code.add(Bytecode.append(Type.getType(String.class)));
        literal.setLength(0);
    }
}
