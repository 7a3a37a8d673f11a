package lichen.jcc.check;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A user address is never dereferenced by kernel code (DESIGN.md, "Raw memory
 * and hardware"): the only way to user memory is the exception-table copies
 * (kernel/mm's UserCopy), so a bad pointer is EFAULT and never a kernel fault,
 * and with PAN on a plain access would fault anyway. So a value made from a
 * {@code UA} ({@code raw()}, {@code toVA()}, and what is computed from them:
 * long arithmetic, locals, {@code VA}/{@code PA} methods) may not be an argument
 * of {@code Mem} or {@code Mmio}. A dataflow over one method's bytecode; a value
 * that passes through a field, an array or another method's result is not followed.
 */
final class UserAddressRule {
    private static final String UA = "lichen/api/UA";
    private static final Set<String> WORDS = Set.of("lichen/api/VA", "lichen/api/PA");
    private static final Set<String> RAW_MEMORY = Set.of("lichen/api/Mem", "lichen/api/Mmio");

    private UserAddressRule() {}

    interface Reporter {
        void report(int line, String needle, String message);
    }

    /** A value computed from a user address. */
    private static final class FromUser extends BasicValue {
        FromUser(Type type) { super(type); }

        @Override
        public boolean equals(Object o) { return o instanceof FromUser f && f.getType().equals(getType()); }

        @Override
        public int hashCode() { return super.hashCode() + 1; }
    }

    static void check(ClassNode c, MethodNode m, Reporter out) {
        if (!callsBoth(m)) return;
        Set<MethodInsnNode> found = new LinkedHashSet<>();
        try {
            new Analyzer<>(new Tracker(found)).analyze(c.name, m);
        } catch (AnalyzerException e) {
            return; // the bytecode verifier's business, not this rule's
        }
        for (MethodInsnNode call : found) {
            out.report(lineOf(call), call.name, "a user address reaches " + simple(call.owner) + "." + call.name
                    + ": user memory is reached only through UserCopy (LDTR/STTR with an exception table), so a bad pointer is EFAULT, not a kernel fault");
        }
    }

    /** Only methods that make a user address's raw value and touch raw memory need the dataflow. */
    private static boolean callsBoth(MethodNode m) {
        boolean user = false, raw = false;
        for (AbstractInsnNode insn : m.instructions) {
            if (!(insn instanceof MethodInsnNode call)) continue;
            if (call.owner.equals(UA)) user = true;
            if (RAW_MEMORY.contains(call.owner)) raw = true;
        }
        return user && raw;
    }

    private static final class Tracker extends BasicInterpreter {
        private final Set<MethodInsnNode> found;

        Tracker(Set<MethodInsnNode> found) {
            super(Opcodes.ASM9);
            this.found = found;
        }

        @Override
        public BasicValue naryOperation(AbstractInsnNode insn, List<? extends BasicValue> values) throws AnalyzerException {
            BasicValue result = super.naryOperation(insn, values);
            if (!(insn instanceof MethodInsnNode call)) return result;
            boolean fromUser = false;
            for (BasicValue v : values) fromUser |= v instanceof FromUser;
            if (RAW_MEMORY.contains(call.owner) && fromUser) found.add(call);
            boolean madeFromUser = call.owner.equals(UA) && (call.name.equals("raw") || call.name.equals("toVA"))
                    || WORDS.contains(call.owner) && fromUser;
            return madeFromUser && result != null ? new FromUser(result.getType()) : result;
        }

        @Override
        public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue a, BasicValue b) throws AnalyzerException {
            BasicValue result = super.binaryOperation(insn, a, b);
            int op = insn.getOpcode();
            boolean arithmetic = op >= Opcodes.LADD && op <= Opcodes.LXOR && op != Opcodes.LDIV && op != Opcodes.LREM;
            return arithmetic && (a instanceof FromUser || b instanceof FromUser) ? new FromUser(result.getType()) : result;
        }

        @Override
        public BasicValue merge(BasicValue a, BasicValue b) {
            Type type = a.getType();
            if (type == null || !type.equals(b.getType())) return super.merge(a, b);
            return a instanceof FromUser || b instanceof FromUser ? new FromUser(type) : a;
        }
    }

    private static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode i = insn; i != null; i = i.getPrevious()) if (i instanceof LineNumberNode ln) return ln.line;
        return 0;
    }

    private static String simple(String owner) { return owner.substring(owner.lastIndexOf('/') + 1); }
}
