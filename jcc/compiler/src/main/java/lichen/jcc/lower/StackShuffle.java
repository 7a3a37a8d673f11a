package lichen.jcc.lower;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.analysis.BasicValue;

import java.util.ArrayList;
import java.util.List;

/**
 * pop, dup, dup_x1, dup_x2, dup2, dup2_x1, dup2_x2 and swap (JVMS 6.5). They
 * are defined on stack words, where a long or double takes two; every form
 * is "copy the top {@code d} words below the {@code s} words under them", so
 * one routine serves them all, working on whole values.
 */
final class StackShuffle {
    private StackShuffle() {}

    private record Value(String name, char kind) {}

    static void lower(MethodLowering l, int op) {
        switch (op) {
            case Opcodes.POP, Opcodes.POP2 -> {}
            case Opcodes.SWAP -> {
                int n = l.before.getStackSize();
                Value b = load(l, n - 2), a = load(l, n - 1);
                l.storeStack(n - 2, a.name, a.kind);
                l.storeStack(n - 1, b.name, b.kind);
            }
            case Opcodes.DUP -> duplicate(l, 1, 0);
            case Opcodes.DUP_X1 -> duplicate(l, 1, 1);
            case Opcodes.DUP_X2 -> duplicate(l, 1, 2);
            case Opcodes.DUP2 -> duplicate(l, 2, 0);
            case Opcodes.DUP2_X1 -> duplicate(l, 2, 1);
            case Opcodes.DUP2_X2 -> duplicate(l, 2, 2);
            default -> throw new IllegalArgumentException("not a stack opcode: " + op);
        }
    }

    private static void duplicate(MethodLowering l, int dupWords, int skipWords) {
        int n = l.before.getStackSize();
        int at = n;
        List<Value> dup = new ArrayList<>();
        for (int words = 0; words < dupWords; ) {
            at--;
            dup.addFirst(load(l, at));
            words += l.before.getStack(at).getSize();
        }
        List<Value> skip = new ArrayList<>();
        for (int words = 0; words < skipWords; ) {
            at--;
            skip.addFirst(load(l, at));
            words += l.before.getStack(at).getSize();
        }
        int pos = at;
        for (Value v : dup) l.storeStack(pos++, v.name, v.kind);
        for (Value v : skip) l.storeStack(pos++, v.name, v.kind);
        for (Value v : dup) l.storeStack(pos++, v.name, v.kind);
    }

    private static Value load(MethodLowering l, int at) {
        BasicValue v = l.before.getStack(at);
        char k = IrTypes.kind(v);
        String ty = IrTypes.ofKind(k);
        return new Value(l.fb.load(ty, l.fb.slot("s" + at + k, ty)), k);
    }
}
