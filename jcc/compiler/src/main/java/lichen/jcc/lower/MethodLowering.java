package lichen.jcc.lower;

import lichen.jcc.CompileError;
import lichen.jcc.check.FloatingPointRule;
import lichen.jcc.world.MethodRef;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;
import org.objectweb.asm.tree.analysis.*;

import java.util.*;

/**
 * One method's bytecode to one LLVM function. Each JVM local and each operand
 * stack position becomes an alloca per value kind (from ASM's analysis of the
 * frames); every instruction loads its operands from those slots and stores
 * its result, and mem2reg makes SSA of it. Java's semantics are kept exactly:
 * the operation families live in {@link Arithmetic}, {@link Objects}, {@link Calls}.
 */
public final class MethodLowering {
    final ModuleContext module;
    final MethodRef method;
    final FunctionBuilder fb = new FunctionBuilder();
    private Frame<BasicValue>[] frames;
    private final Map<LabelNode, String> blocks = new HashMap<>();
    private final Arithmetic arithmetic;
    final Objects objects;
    private final Calls calls;
    /** Frame before and after the instruction being lowered. */
    Frame<BasicValue> before, after;
    int line;
    int index;
    /** The method's entry in the chain of handlers, when it has exception handlers. */
    Unwinding unwinding;

    public MethodLowering(ModuleContext module, MethodRef method) {
        this.module = module;
        this.method = method;
        this.arithmetic = new Arithmetic(this);
        this.objects = new Objects(this);
        this.calls = new Calls(this);
    }

    public String lower() {
        MethodNode m = method.node();
        try {
            frames = new Analyzer<>(new lichen.jcc.world.WordValues()).analyze(method.owner().name(), m);
        } catch (AnalyzerException e) {
            throw new CompileError(method.symbol() + ": bytecode does not verify: " + e.getMessage());
        }
        StringBuilder header = new StringBuilder("define internal ");
        header.append(IrTypes.value(Type.getReturnType(m.desc))).append(' ').append(IrTypes.global(method.symbol())).append('(');
        int slot = 0;
        List<String> params = new ArrayList<>();
        if (!method.isStatic()) {
            // A word's methods take the word itself, an i64 (WordTypes).
            char k = lichen.jcc.world.WordTypes.isWord(method.owner().name()) ? 'w' : 'a';
            String ty = IrTypes.ofKind(k);
            params.add(ty + " %this");
            fb.store(ty, "%this", fb.slot("l0" + k, ty));
            slot = 1;
        }
        int p = 0;
        for (Type a : Type.getArgumentTypes(m.desc)) {
            char k = IrTypes.kindOf(a);
            String ty = IrTypes.ofKind(k);
            params.add(ty + " %p" + p);
            fb.store(ty, "%p" + p, fb.slot("l" + slot + k, ty));
            slot += a.getSize();
            p++;
        }
        unwinding = m.tryCatchBlocks.isEmpty() ? null : new Unwinding(this);
        if (unwinding != null) unwinding.enter();
        int firstLine = lichen.jcc.check.SubsetChecker.firstLine(m);
        int subprogram = module.debug.subprogram(method, firstLine);
        header.append(String.join(", ", params)).append(") ").append(attributes(m)).append(" !dbg !").append(subprogram);
        fb.at(module.debug.location(subprogram, firstLine));

        AbstractInsnNode[] insns = m.instructions.toArray();
        for (index = 0; index < insns.length; index++) {
            AbstractInsnNode insn = insns[index];
            if (insn instanceof LabelNode l) {
                fb.block(block(l));
                continue;
            }
            if (insn instanceof LineNumberNode ln) {
                line = ln.line;
                fb.at(module.debug.location(subprogram, line));
                continue;
            }
            if (insn instanceof FrameNode) continue;
            before = frames[index];
            if (before == null) continue;
            after = index + 1 < frames.length ? frames[index + 1] : null;
            lowerInstruction(insn);
        }
        if (unwinding != null) unwinding.landingPad();
        return fb.text(header.toString());
    }

    String block(LabelNode l) { return blocks.computeIfAbsent(l, k -> "L" + blocks.size()); }

    // ---- operand stack and locals -------------------------------------------------------------

    /** The i-th of the top n operands (0 is the deepest of them), loaded. */
    String operand(int i, int n) {
        int at = before.getStackSize() - n + i;
        char k = IrTypes.kind(before.getStack(at));
        String ty = IrTypes.ofKind(k);
        return fb.load(ty, fb.slot("s" + at + k, ty));
    }

    char operandKind(int i, int n) { return IrTypes.kind(before.getStack(before.getStackSize() - n + i)); }

    /** Pushes a value in place of the top n operands. */
    void push(String value, char kind, int popped) {
        int at = before.getStackSize() - popped;
        if (after != null && at < after.getStackSize() && IrTypes.kind(after.getStack(at)) != kind) {
            throw error("internal: a " + kind + " value where the analysis has a " + IrTypes.kind(after.getStack(at)));
        }
        String ty = IrTypes.ofKind(kind);
        fb.store(ty, value, fb.slot("s" + at + kind, ty));
    }

    /** Stores a value at stack position {@code at}. */
    void storeStack(int at, String value, char kind) {
        String ty = IrTypes.ofKind(kind);
        fb.store(ty, value, fb.slot("s" + at + kind, ty));
    }

    private String local(int i, char k) { return fb.slot("l" + i + k, IrTypes.ofKind(k)); }

    // ---- dispatch ----------------------------------------------------------------------------

    private void lowerInstruction(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        switch (insn) {
            case VarInsnNode v -> variable(op, v.var);
            case IincInsnNode inc -> {
                String l = local(inc.var, 'i');
                String v = fb.load("i32", l);
                fb.store("i32", fb.def("add i32 " + v + ", " + inc.incr), l);
            }
            case IntInsnNode i -> {
                if (op == Opcodes.NEWARRAY) objects.newArray(lichen.jcc.world.Reachability.primitiveArray(i.operand));
                else push(Integer.toString(i.operand), 'i', 0);
            }
            case LdcInsnNode l -> constant(l.cst);
            case JumpInsnNode j -> jump(op, j);
            case TableSwitchInsnNode t -> {
                StringBuilder sb = new StringBuilder("switch i32 " + operand(0, 1) + ", label %" + block(t.dflt) + " [");
                for (int k = 0; k < t.labels.size(); k++) sb.append(" i32 ").append(t.min + k).append(", label %").append(block(t.labels.get(k)));
                fb.terminate(sb.append(" ]").toString());
            }
            case LookupSwitchInsnNode ls -> {
                StringBuilder sb = new StringBuilder("switch i32 " + operand(0, 1) + ", label %" + block(ls.dflt) + " [");
                for (int k = 0; k < ls.keys.size(); k++) sb.append(" i32 ").append(ls.keys.get(k)).append(", label %").append(block(ls.labels.get(k)));
                fb.terminate(sb.append(" ]").toString());
            }
            case FieldInsnNode f -> objects.field(op, f);
            case MethodInsnNode c -> calls.invoke(c);
            case TypeInsnNode t -> objects.type(op, t);
            case MultiANewArrayInsnNode ma -> objects.multiNewArray(ma.desc, ma.dims);
            case InvokeDynamicInsnNode indy -> throw new CompileError(method.symbol() + ": invokedynamic left after desugaring");
            case InsnNode plain -> plain(op);
            default -> throw new CompileError(method.symbol() + ": instruction " + insn.getClass().getSimpleName() + " is not supported");
        }
    }

    private void variable(int op, int var) {
        switch (op) {
            case Opcodes.ILOAD -> push(fb.load("i32", local(var, 'i')), 'i', 0);
            case Opcodes.LLOAD -> push(fb.load("i64", local(var, 'j')), 'j', 0);
            case Opcodes.FLOAD -> push(fb.load("float", local(var, 'f')), 'f', 0);
            case Opcodes.DLOAD -> push(fb.load("double", local(var, 'd')), 'd', 0);
            case Opcodes.ALOAD -> {
                char k = IrTypes.kind(before.getLocal(var)); // 'w' for a word
                push(fb.load(IrTypes.ofKind(k), local(var, k)), k, 0);
            }
            case Opcodes.ISTORE -> fb.store("i32", operand(0, 1), local(var, 'i'));
            case Opcodes.LSTORE -> fb.store("i64", operand(0, 1), local(var, 'j'));
            case Opcodes.FSTORE -> fb.store("float", operand(0, 1), local(var, 'f'));
            case Opcodes.DSTORE -> fb.store("double", operand(0, 1), local(var, 'd'));
            case Opcodes.ASTORE -> {
                char k = operandKind(0, 1);
                fb.store(IrTypes.ofKind(k), operand(0, 1), local(var, k));
            }
            default -> throw new CompileError(method.symbol() + ": jsr/ret are not supported");
        }
    }

    private void constant(Object c) {
        switch (c) {
            case Integer i -> push(i.toString(), 'i', 0);
            case Long l -> push(l.toString(), 'j', 0);
            case Float f -> push(IrTypes.floatConstant(f), 'f', 0);
            case Double d -> push(IrTypes.doubleConstant(d), 'd', 0);
            case String s -> push(module.strings.literal(s), 'a', 0);
            case Type t -> throw error("class literal " + t.getClassName() + ".class is outside the subset (reflection)");
            default -> throw error("constant " + c + " is outside the subset");
        }
    }

    /**
     * The function's attribute group: #4 adds the FP/SIMD registers for a kernel method marked
     * {@code @FloatingPoint}; other kernel code must not use floating point (FloatingPointRule
     * reports it in the program; this catches what the check does not see, such as the runtime).
     */
    private String attributes(MethodNode m) {
        if (!module.target.isKernel()) return "#0";
        if (FloatingPointRule.isMarked(m)) return "#4";
        FloatingPointRule.Use use = FloatingPointRule.firstUse(m);
        if (use != null) {
            line = use.line();
            throw error("floating point in kernel code (" + use.what() + ") outside a @FloatingPoint method");
        }
        return "#0";
    }

    CompileError error(String message) {
        return new CompileError(method.owner().sourceFile() + ":" + line + ": in " + method.owner().name().replace('/', '.')
                + "." + method.name() + ": " + message);
    }

    private void jump(int op, JumpInsnNode j) {
        String target = block(j.label);
        if (op == Opcodes.GOTO) {
            fb.terminate("br label %" + target);
            return;
        }
        String cond = switch (op) {
            case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE ->
                    fb.def("icmp " + predicate(op - Opcodes.IFEQ) + " i32 " + operand(0, 1) + ", 0");
            case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT, Opcodes.IF_ICMPGE, Opcodes.IF_ICMPGT, Opcodes.IF_ICMPLE ->
                    fb.def("icmp " + predicate(op - Opcodes.IF_ICMPEQ) + " i32 " + operand(0, 2) + ", " + operand(1, 2));
            case Opcodes.IF_ACMPEQ -> fb.def("icmp eq ptr " + operand(0, 2) + ", " + operand(1, 2));
            case Opcodes.IF_ACMPNE -> fb.def("icmp ne ptr " + operand(0, 2) + ", " + operand(1, 2));
            case Opcodes.IFNULL -> fb.def("icmp eq ptr " + operand(0, 1) + ", null");
            case Opcodes.IFNONNULL -> fb.def("icmp ne ptr " + operand(0, 1) + ", null");
            default -> throw error("jump opcode " + op);
        };
        String next = fb.label("next");
        fb.terminate("br i1 " + cond + ", label %" + target + ", label %" + next);
        fb.block(next);
    }

    private static String predicate(int k) {
        return switch (k) {
            case 0 -> "eq";
            case 1 -> "ne";
            case 2 -> "slt";
            case 3 -> "sge";
            case 4 -> "sgt";
            default -> "sle";
        };
    }

    private void plain(int op) {
        switch (op) {
            case Opcodes.NOP -> {}
            case Opcodes.ACONST_NULL -> push("null", 'a', 0);
            case Opcodes.ICONST_M1, Opcodes.ICONST_0, Opcodes.ICONST_1, Opcodes.ICONST_2, Opcodes.ICONST_3, Opcodes.ICONST_4,
                 Opcodes.ICONST_5 -> push(Integer.toString(op - Opcodes.ICONST_0), 'i', 0);
            case Opcodes.LCONST_0, Opcodes.LCONST_1 -> push(Integer.toString(op - Opcodes.LCONST_0), 'j', 0);
            case Opcodes.FCONST_0, Opcodes.FCONST_1, Opcodes.FCONST_2 -> push(IrTypes.floatConstant(op - Opcodes.FCONST_0), 'f', 0);
            case Opcodes.DCONST_0, Opcodes.DCONST_1 -> push(IrTypes.doubleConstant(op - Opcodes.DCONST_0), 'd', 0);
            case Opcodes.IALOAD, Opcodes.LALOAD, Opcodes.FALOAD, Opcodes.DALOAD, Opcodes.AALOAD, Opcodes.BALOAD, Opcodes.CALOAD,
                 Opcodes.SALOAD -> objects.arrayLoad(op);
            case Opcodes.IASTORE, Opcodes.LASTORE, Opcodes.FASTORE, Opcodes.DASTORE, Opcodes.AASTORE, Opcodes.BASTORE,
                 Opcodes.CASTORE, Opcodes.SASTORE -> objects.arrayStore(op);
            case Opcodes.ARRAYLENGTH -> objects.arrayLength();
            case Opcodes.POP, Opcodes.POP2, Opcodes.DUP, Opcodes.DUP_X1, Opcodes.DUP_X2, Opcodes.DUP2, Opcodes.DUP2_X1,
                 Opcodes.DUP2_X2, Opcodes.SWAP -> StackShuffle.lower(this, op);
            case Opcodes.IRETURN, Opcodes.LRETURN, Opcodes.FRETURN, Opcodes.DRETURN, Opcodes.ARETURN -> {
                Type r = Type.getReturnType(method.desc());
                if (unwinding != null) unwinding.leave();
                fb.terminate("ret " + IrTypes.value(r) + " " + narrowReturn(r, operand(0, 1)));
            }
            case Opcodes.RETURN -> {
                if (unwinding != null) unwinding.leave();
                fb.terminate("ret void");
            }
            case Opcodes.ATHROW -> throwException(operand(0, 1));
            case Opcodes.MONITORENTER, Opcodes.MONITOREXIT -> throw error("synchronized is outside the subset");
            default -> arithmetic.lower(op);
        }
    }

    /** A boolean, byte, char or short result is normalised to its range, as the JVM's ireturn does. */
    private String narrowReturn(Type r, String v) {
        return switch (r.getSort()) {
            case Type.BOOLEAN -> fb.def("and i32 " + v + ", 1");
            case Type.BYTE -> fb.def("sext i8 " + fb.def("trunc i32 " + v + " to i8") + " to i32");
            case Type.CHAR -> fb.def("zext i16 " + fb.def("trunc i32 " + v + " to i16") + " to i32");
            case Type.SHORT -> fb.def("sext i16 " + fb.def("trunc i32 " + v + " to i16") + " to i32");
            default -> v;
        };
    }

    /**
     * athrow: the handlers of this method that cover the instruction are tried
     * in order (javac's finally and try-with-resources handlers: user catch is
     * outside the subset); with none, the exception is uncaught and ends the
     * program as the JVM does.
     */
    void throwException(String exception) { throwAt(objects.nullChecked(exception), index); }

    /** Whether an exception handler of this method covers instruction {@code at}. */
    boolean covered(int at) {
        for (TryCatchBlockNode h : method.node().tryCatchBlocks) {
            if (at >= method.node().instructions.indexOf(h.start) && at < method.node().instructions.indexOf(h.end)) return true;
        }
        return false;
    }

    /** Sends an exception thrown at instruction {@code at} to the first handler that takes it, or unwinds. */
    void throwAt(String checked, int at) {
        for (TryCatchBlockNode h : method.node().tryCatchBlocks) {
            int start = method.node().instructions.indexOf(h.start), end = method.node().instructions.indexOf(h.end);
            if (at < start || at >= end) continue;
            String handler = block(h.handler);
            if (h.type == null) {
                storeStackAt0(checked);
                fb.terminate("br label %" + handler);
                return;
            }
            String is = objects.isInstance(checked, h.type);
            String next = fb.label("nothandled");
            String take = fb.label("handled");
            fb.terminate("br i1 " + is + ", label %" + take + ", label %" + next);
            fb.block(take);
            storeStackAt0(checked);
            fb.terminate("br label %" + handler);
            fb.block(next);
        }
        if (unwinding != null) unwinding.leave();
        fb.emit("call void @jcc.throw(ptr " + checked + ") #1");
        fb.terminate("unreachable");
    }

    private void storeStackAt0(String value) {
        fb.store("ptr", value, fb.slot("s0a", "ptr"));
    }
}
