package lichen.jcc.lower;

import lichen.jcc.layout.Layout;
import lichen.jcc.world.JClass;
import lichen.jcc.world.MethodRef;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Calls. Static and special calls are direct; a virtual or interface call
 * with one possible target (rapid type analysis) is direct too, after a null
 * check; otherwise a virtual call loads its vtable slot from the receiver's
 * class descriptor, and an interface call finds the interface's method table
 * in the descriptor's itable first. Calls of the jcc API's and the runtime's
 * intrinsics become inline code ({@link IntrinsicCalls}).
 */
final class Calls {
    private final MethodLowering l;
    private final FunctionBuilder fb;
    private final ModuleContext module;

    Calls(MethodLowering l) {
        this.l = l;
        this.fb = l.fb;
        this.module = l.module;
    }

    void invoke(MethodInsnNode call) {
        Type[] args = Type.getArgumentTypes(call.desc);
        boolean hasReceiver = call.getOpcode() != Opcodes.INVOKESTATIC;
        int n = args.length + (hasReceiver ? 1 : 0);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) values.add(l.operand(i, n));
        Type ret = Type.getReturnType(call.desc);

        if (hasReceiver && l.operandKind(0, n) == 'w') {
            wordCall(call, values, n);
            return;
        }
        for (int i = hasReceiver ? 1 : 0; i < n; i++) {
            if (l.operandKind(i, n) == 'w' && IrTypes.kindOf(args[i - (hasReceiver ? 1 : 0)]) != 'w') {
                throw l.error("a word passed to " + call.owner.replace('/', '.') + "." + call.name + " as an Object (docs/subset.md, word types)");
            }
        }
        String result = IntrinsicCalls.lower(l, call, values);
        if (result == null) {
            if (l.unwinding != null) l.unwinding.beforeCall(l.index);
            result = dispatch(call, values, hasReceiver);
        }
        if (ret.getSort() != Type.VOID) l.push(result, IrTypes.kindOf(ret), n);
    }

    private String dispatch(MethodInsnNode call, List<String> values, boolean hasReceiver) {
        String receiver = hasReceiver ? values.getFirst() : null;
        String owner = call.owner.startsWith("[") ? "java/lang/Object" : call.owner;
        MethodRef declared = module.world.resolveMethod(owner, call.name, call.desc);
        String fnType = IrTypes.functionType(call.desc, hasReceiver ? "ptr" : null);
        String callee;
        switch (call.getOpcode()) {
            case Opcodes.INVOKESTATIC, Opcodes.INVOKESPECIAL -> {
                if (hasReceiver) receiver = l.objects.nullChecked(receiver);
                callee = module.function(declared);
            }
            default -> {
                receiver = l.objects.nullChecked(receiver);
                callee = virtualTarget(owner, call, declared, receiver);
            }
        }
        if (hasReceiver) values.set(0, receiver);
        String argList = arguments(call.desc, values, hasReceiver);
        Type ret = Type.getReturnType(call.desc);
        if (ret.getSort() == Type.VOID) {
            fb.emit("call " + fnType + " " + callee + "(" + argList + ")");
            return null;
        }
        return fb.def("call " + fnType + " " + callee + "(" + argList + ")");
    }

    private String virtualTarget(String owner, MethodInsnNode call, MethodRef declared, String receiver) {
        if (declared.isPrivate() || !declared.isVirtual()) return module.function(declared);
        Set<MethodRef> targets = module.reach.targets(owner, call.name, call.desc);
        if (targets.size() == 1) return module.function(targets.iterator().next());
        if (targets.isEmpty()) {
            // No instantiated class can receive this call, so the receiver is null: the check above has thrown.
            fb.terminate("unreachable");
            return "null";
        }
        String desc = fb.load("ptr", receiver);
        JClass o = module.world.get(owner);
        String sig = call.name + call.desc;
        if (o.isInterface()) {
            int slot = module.layout.interfaceSlots(o).indexOf(sig);
            String table = fb.def("call ptr @jcc.itable(ptr " + desc + ", ptr " + module.descriptor(owner) + ")");
            return fb.load("ptr", fb.offset(table, 8L * slot));
        }
        int slot = module.layout.of(o).slot(sig);
        if (slot < 0) throw l.error("no vtable slot for " + owner + "." + sig);
        return fb.load("ptr", fb.offset(desc, Layout.DESC_VTABLE + 8L * slot));
    }

    /**
     * A call on a word (WordTypes): the receiver is the value itself, an i64, and never null, so
     * the call is direct, with no check. {@code new W(v)} (javac's new, dup, v, invokespecial) is
     * v, stored where the dup'd reference is; {@code w.equals(other)} of two words compares the
     * values, as the word class's own equals does on the JVM.
     */
    private void wordCall(MethodInsnNode call, List<String> values, int n) {
        Type ret = Type.getReturnType(call.desc);
        if (call.name.equals("<init>")) {
            int made = l.before.getStackSize() - n - 1;
            if (made < 0 || IrTypes.kind(l.before.getStack(made)) != 'w') throw l.error("internal: a word made without new and dup");
            l.storeStack(made, values.get(1), 'w');
            return;
        }
        if (call.name.equals("equals") && call.desc.equals("(Ljava/lang/Object;)Z")) {
            if (l.operandKind(1, n) != 'w') throw l.error("a word compared with a value that is not a word (see docs/subset.md, word types)");
            String same = fb.def("icmp eq i64 " + values.get(0) + ", " + values.get(1));
            l.push(fb.def("zext i1 " + same + " to i32"), 'i', n);
            return;
        }
        MethodRef declared = module.world.resolveMethod(call.owner, call.name, call.desc);
        if (!declared.owner().name().equals(call.owner)) {
            throw l.error("word class " + call.owner.replace('/', '.') + " does not declare " + call.name + " (a word is not an Object)");
        }
        if (l.unwinding != null) l.unwinding.beforeCall(l.index);
        String fnType = IrTypes.functionType(call.desc, "i64");
        String invoke = "call " + fnType + " " + module.function(declared) + "(" + arguments(call.desc, values, "i64") + ")";
        if (ret.getSort() == Type.VOID) fb.emit(invoke);
        else l.push(fb.def(invoke), IrTypes.kindOf(ret), n);
    }

    static String arguments(String desc, List<String> values, boolean hasReceiver) {
        return arguments(desc, values, hasReceiver ? "ptr" : null);
    }

    /** The argument list of a call; {@code receiver} is the receiver's type, null for a static call. */
    static String arguments(String desc, List<String> values, String receiver) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        if (receiver != null) {
            sb.append(receiver).append(' ').append(values.get(0));
            i = 1;
        }
        for (Type a : Type.getArgumentTypes(desc)) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(IrTypes.value(a)).append(' ').append(values.get(i++));
        }
        return sb.toString();
    }
}
