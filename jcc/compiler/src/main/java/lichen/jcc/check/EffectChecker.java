package lichen.jcc.check;

import lichen.jcc.CompileError;
import lichen.jcc.world.MethodRef;
import lichen.jcc.world.World;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;

import java.util.HashSet;
import java.util.Set;

/**
 * The effect rules of DESIGN.md ("Async"): a method marked {@code @Async}
 * may sleep, so only {@code @Async} methods call it (or it is handed to the
 * executor: a lambda whose functional interface method is {@code @Async} is
 * itself asynchronous); interrupt context ({@code @Irq}) neither sleeps nor
 * allocates. Checked on each method's own body.
 */
final class EffectChecker {
    private static final String ASYNC = "Llichen/api/Async;", IRQ = "Llichen/api/Irq;";

    interface Reporter {
        void report(int line, String needle, String message);
    }

    private final World world;

    EffectChecker(World world) { this.world = world; }

    /** The lambda bodies of a class that implement an @Async interface method (handed to the executor). */
    Set<String> asyncLambdas(ClassNode c) {
        Set<String> result = new HashSet<>();
        for (MethodNode m : c.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (!(insn instanceof InvokeDynamicInsnNode indy) || !indy.bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory")) continue;
                if (!(indy.bsmArgs[1] instanceof Handle impl) || !impl.getOwner().equals(c.name)) continue;
                String iface = Type.getReturnType(indy.desc).getInternalName();
                String sam = ((Type) indy.bsmArgs[0]).getDescriptor();
                // An interface that is not on the class path cannot be judged: give the lambda the benefit of the doubt.
                if (!resolvable(iface, indy.name, sam) || isAsync(iface, indy.name, sam)) result.add(impl.getName() + impl.getDesc());
            }
        }
        return result;
    }

    void check(ClassNode c, MethodNode m, boolean asyncLambda, Reporter out) {
        boolean async = SubsetChecker.has(m.visibleAnnotations, ASYNC) || SubsetChecker.has(m.invisibleAnnotations, ASYNC) || asyncLambda;
        boolean irq = SubsetChecker.has(m.invisibleAnnotations, IRQ) || SubsetChecker.has(c.invisibleAnnotations, IRQ);
        int line = 0;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LineNumberNode ln) line = ln.line;
            if (insn instanceof MethodInsnNode call && !call.owner.startsWith("[") && isAsync(call.owner, call.name, call.desc)) {
                String what = call.owner.replace('/', '.') + "." + call.name;
                if (irq) out.report(line, call.name, what + " may sleep (@Async) and interrupt context (@Irq) must not");
                else if (!async) out.report(line, call.name, what + " may sleep (@Async): call it only from @Async methods, or hand it to the executor");
            }
            if (irq && allocates(insn)) out.report(line, "new", "interrupt context (@Irq) must not allocate");
        }
        GuardAcrossAsync.check(c.name, m, call -> !call.owner.startsWith("[") && isAsync(call.owner, call.name, call.desc),
                (call, at) -> out.report(at, call.name, call.owner.replace('/', '.') + "." + call.name
                        + " may sleep (@Async) while a spinlock is held: a task must not sleep holding a spinlock"));
    }

    private static boolean allocates(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op == Opcodes.NEW || op == Opcodes.NEWARRAY || op == Opcodes.ANEWARRAY || op == Opcodes.MULTIANEWARRAY
                || insn instanceof InvokeDynamicInsnNode;
    }

    private boolean resolvable(String owner, String name, String desc) {
        try {
            world.resolveMethod(owner, name, desc);
            return true;
        } catch (CompileError e) {
            return false;
        }
    }

    /** Whether the method a call names is marked @Async (where it is declared, or in an interface it implements). */
    private boolean isAsync(String owner, String name, String desc) {
        if (owner.startsWith("java/") || owner.startsWith("javax/") || owner.startsWith("jdk/") || owner.startsWith("sun/")) return false;
        try {
            MethodRef m = world.resolveMethod(owner, name, desc);
            if (SubsetChecker.has(m.node().invisibleAnnotations, ASYNC)) return true;
            // An override of an @Async method may sleep too: it is what a call through the supertype runs.
            for (lichen.jcc.world.JClass k = m.owner(); k != null; k = k.superclass) {
                org.objectweb.asm.tree.MethodNode d = k.method(name, desc);
                if (d != null && SubsetChecker.has(d.invisibleAnnotations, ASYNC)) return true;
                for (lichen.jcc.world.JClass i : lichen.jcc.layout.Layout.allInterfaces(k)) {
                    org.objectweb.asm.tree.MethodNode id = i.method(name, desc);
                    if (id != null && SubsetChecker.has(id.invisibleAnnotations, ASYNC)) return true;
                }
            }
            return false;
        } catch (CompileError e) {
            return false;
        }
    }
}
