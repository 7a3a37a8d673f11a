package lichen.jcc.check;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.*;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * No spinlock guard is live across an {@code @Async} call (DESIGN.md,
 * "Async"): a task that sleeps holding a spinlock deadlocks the CPU. A
 * forward dataflow over the method's control-flow graph, exception edges
 * included, tracks which locals may hold a guard: a local holds one from the
 * {@code astore} of {@code SpinLock.lock()}'s result until
 * {@code SpinGuard.close()} is called on it or a null test shows it empty;
 * {@code SpinLock.unlock()} ends them all. Locals beyond the first 64 are not
 * tracked.
 */
final class GuardAcrossAsync {
    private static final String LOCK = "lichen/libkernel/sync/SpinLock", GUARD = "lichen/libkernel/sync/SpinGuard";

    interface Finding {
        void at(MethodInsnNode call, int line);
    }

    private GuardAcrossAsync() {}

    static void check(String owner, MethodNode m, Predicate<MethodInsnNode> isAsync, Finding out) {
        if (m.instructions.size() == 0 || !mentionsLocks(m)) return;
        AbstractInsnNode[] insns = m.instructions.toArray();
        List<List<Integer>> successors = new ArrayList<>();
        for (int i = 0; i < insns.length; i++) successors.add(new ArrayList<>());
        try {
            new Analyzer<>(new BasicInterpreter()) {
                @Override
                protected void newControlFlowEdge(int from, int to) { successors.get(from).add(to); }

                @Override
                protected boolean newControlFlowExceptionEdge(int from, int to) {
                    successors.get(from).add(to);
                    return true;
                }
            }.analyze(owner, m);
        } catch (AnalyzerException e) {
            return; // the code generator reports unverifiable bytecode
        }
        long[] in = new long[insns.length];
        boolean[] seen = new boolean[insns.length];
        boolean[] reported = new boolean[insns.length];
        Deque<Integer> work = new ArrayDeque<>();
        work.add(0);
        seen[0] = true;
        while (!work.isEmpty()) {
            int i = work.poll();
            long state = in[i];
            AbstractInsnNode insn = insns[i];
            if (insn instanceof MethodInsnNode call) {
                if (state != 0 && !reported[i] && isAsync.test(call)) {
                    reported[i] = true;
                    out.at(call, line(insn));
                }
                if (call.owner.equals(LOCK) && call.name.equals("unlock")) state = 0;
                if (call.owner.equals(GUARD) && call.name.equals("close") && previous(insn) instanceof VarInsnNode v && v.var < 64) {
                    state &= ~(1L << v.var);
                }
            }
            if (insn instanceof VarInsnNode v && v.getOpcode() == Opcodes.ASTORE && v.var < 64) {
                state &= ~(1L << v.var);
                if (previous(insn) instanceof MethodInsnNode call && call.owner.equals(LOCK) && call.name.startsWith("lock")) {
                    state |= 1L << v.var;
                }
            }
            int nullBranch = nullBranch(m, insn);
            long nullLocal = nullBranch >= 0 && previous(insn) instanceof VarInsnNode v && v.var < 64 ? 1L << v.var : 0;
            for (int next : successors.get(i)) {
                // On the branch where the local is null it holds no guard (try-with-resources' null check before close).
                long flowing = next == nullBranch ? state & ~nullLocal : state;
                long merged = in[next] | flowing;
                if (!seen[next] || merged != in[next]) {
                    seen[next] = true;
                    in[next] = merged;
                    work.add(next);
                }
            }
        }
    }

    /** For ifnull/ifnonnull, the index of the instruction where the tested reference is null; else -1. */
    private static int nullBranch(MethodNode m, AbstractInsnNode insn) {
        if (!(insn instanceof JumpInsnNode j)) return -1;
        if (j.getOpcode() == Opcodes.IFNULL) return m.instructions.indexOf(j.label);
        if (j.getOpcode() == Opcodes.IFNONNULL) return m.instructions.indexOf(j) + 1;
        return -1;
    }

    private static boolean mentionsLocks(MethodNode m) {
        for (AbstractInsnNode i : m.instructions) if (i instanceof MethodInsnNode c && c.owner.equals(LOCK)) return true;
        return false;
    }

    /** The previous real instruction (labels, lines and frames skipped). */
    private static AbstractInsnNode previous(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getPrevious();
        while (p != null && p.getOpcode() < 0) p = p.getPrevious();
        return p;
    }

    private static int line(AbstractInsnNode insn) {
        for (AbstractInsnNode p = insn; p != null; p = p.getPrevious()) if (p instanceof LineNumberNode ln) return ln.line;
        return 0;
    }
}
