package lichen.jcc.desugar;

import lichen.jcc.CompileError;
import lichen.jcc.world.JClass;
import lichen.jcc.world.World;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces every {@code invokedynamic} that javac emits for the subset with an
 * {@code invokestatic} of a method jcc generates, so the rest of the compiler
 * never sees call sites whose meaning is a bootstrap method's:
 * string concatenation, lambdas and method references, records' methods, and
 * pattern and enum switches; and {@code Enum.valueOf}, whose answer is
 * reflection's ({@link EnumValueOf}).
 */
public final class IndyDesugar {
    private final World world;
    private int counter;

    public IndyDesugar(World world) { this.world = world; }

    /** Runs on each class as the world loads it. */
    public void run(JClass c) {
        List<MethodNode> methods = new ArrayList<>(c.node.methods);
        for (MethodNode m : methods) {
            if (m.instructions == null) continue;
            for (AbstractInsnNode insn : m.instructions.toArray()) {
                if (insn instanceof InvokeDynamicInsnNode indy) {
                    MethodInsnNode call = replacement(c, m, indy);
                    m.instructions.set(indy, call);
                } else if (EnumValueOf.isCall(insn)) {
                    EnumValueOf.rewrite(c.node, m, (MethodInsnNode) insn);
                }
            }
        }
    }

    private MethodInsnNode replacement(JClass c, MethodNode m, InvokeDynamicInsnNode indy) {
        String bsm = indy.bsm.getOwner() + "." + indy.bsm.getName();
        String id = Integer.toString(counter++);
        return switch (bsm) {
            case "java/lang/invoke/StringConcatFactory.makeConcatWithConstants" -> StringConcat.generate(c.node, indy, id);
            case "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory" ->
                    LambdaClasses.generate(world, c, indy, id);
            case "java/lang/runtime/ObjectMethods.bootstrap" -> RecordMethods.generate(c.node, indy, id);
            case "java/lang/runtime/SwitchBootstraps.typeSwitch", "java/lang/runtime/SwitchBootstraps.enumSwitch" ->
                    PatternSwitch.generate(c.node, indy, id);
            default -> throw new CompileError(c.sourceFile() + ": " + c.name().replace('/', '.') + "." + m.name
                    + ": invokedynamic with bootstrap " + bsm + " is outside the subset");
        };
    }

    /** A new private static synthetic method on {@code owner}; the caller fills its instructions. */
    static MethodNode addStatic(ClassNode owner, String name, String desc) {
        MethodNode m = new MethodNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, name, desc, null, null);
        owner.methods.add(m);
        return m;
    }

    static MethodInsnNode callStatic(ClassNode owner, MethodNode m) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, owner.name, m.name, m.desc, (owner.access & Opcodes.ACC_INTERFACE) != 0);
    }
}
