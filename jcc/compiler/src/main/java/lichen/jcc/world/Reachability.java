package lichen.jcc.world;

import lichen.jcc.CompileError;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;

import java.util.*;

/**
 * Rapid type analysis: the methods that can run, found from the roots. A
 * virtual call reaches the overriding methods of the classes that are
 * instantiated somewhere reachable (by {@code new}, or frozen into the image
 * by a static initialiser), so unused overrides and whole unused classes stay
 * out of the image, and a call with one possible target is devirtualised.
 */
public final class Reachability {
    /** What a static field's class needs before its fields can be read; the image heap implements it. */
    public interface StaticsListener {
        /** Called once per class whose static fields are used; reports the classes of the objects they hold. */
        void staticsUsed(JClass c, Reachability r);
    }

    private final World world;
    private final StaticsListener statics;
    private final Set<MethodRef> methods = new LinkedHashSet<>();
    private final Deque<MethodRef> work = new ArrayDeque<>();
    private final Set<JClass> instantiated = new LinkedHashSet<>();
    /** Virtually called signatures (name + desc) and the static owners the call sites name. */
    private final Map<String, Set<JClass>> virtualCalls = new LinkedHashMap<>();
    private final Set<JClass> staticsUsed = new LinkedHashSet<>();
    private final Set<String> arrayTypes = new TreeSet<>();
    private final Set<JClass> runtimeInitialised = new LinkedHashSet<>();

    public Reachability(World world, StaticsListener statics) {
        this.world = world;
        this.statics = statics;
    }

    public Set<MethodRef> methods() { return Collections.unmodifiableSet(methods); }

    public Set<JClass> instantiated() { return Collections.unmodifiableSet(instantiated); }

    public Map<String, Set<JClass>> virtualCalls() { return Collections.unmodifiableMap(virtualCalls); }

    public Set<String> arrayTypes() { return Collections.unmodifiableSet(arrayTypes); }

    /** Classes whose static initialiser runs at start (the runtime's own), in the order they were first used. */
    public Set<JClass> runtimeInitialised() { return Collections.unmodifiableSet(runtimeInitialised); }

    public boolean isReachable(MethodRef m) { return methods.contains(m); }

    public void addRoot(MethodRef m) { add(m); drain(); }

    public void addRoot(String owner, String name, String desc) {
        JClass c = world.get(owner);
        MethodNode m = c.method(name, desc);
        if (m == null) throw new CompileError("entry point " + owner.replace('/', '.') + "." + name + desc + " not found");
        addRoot(new MethodRef(c, m));
    }

    private void add(MethodRef m) {
        if (methods.add(m)) work.add(m);
    }

    private void drain() {
        while (!work.isEmpty()) scan(work.poll());
    }

    /** Marks a class as having instances; virtual calls already seen now reach its overrides. */
    public void instantiate(JClass c) {
        if (!instantiated.add(c)) return;
        if (c.superclass != null) useStatics(c.superclass, false);
        for (Map.Entry<String, Set<JClass>> call : virtualCalls.entrySet()) {
            for (JClass owner : call.getValue()) {
                if (c.isSubtypeOf(owner)) addTarget(c, call.getKey());
            }
        }
    }

    public void arrayType(String descriptor) {
        if (!arrayTypes.add(descriptor)) return;
        instantiate(world.get("java/lang/Object"));
        Type element = Type.getType(descriptor).getElementType();
        if (element.getSort() == Type.OBJECT) world.get(element.getInternalName());
    }

    private void addTarget(JClass receiver, String signature) {
        int paren = signature.indexOf('(');
        MethodRef target = world.selectVirtual(receiver, signature.substring(0, paren), signature.substring(paren));
        if (target != null) add(target);
    }

    private void virtualCall(String owner, String name, String desc) {
        JClass o = world.get(owner);
        String sig = name + desc;
        Set<JClass> owners = virtualCalls.computeIfAbsent(sig, k -> new LinkedHashSet<>());
        if (!owners.add(o)) return;
        for (JClass c : new ArrayList<>(instantiated)) if (c.isSubtypeOf(o)) addTarget(c, sig);
    }

    private void useStatics(JClass c, boolean direct) {
        if (!staticsUsed.add(c)) return;
        if (c.superclass != null) useStatics(c.superclass, false);
        MethodNode clinit = c.method("<clinit>", "()V");
        if (c.origin == ClassPath.Origin.RUNTIME || isGenerated(c)) {
            if (clinit != null) {
                add(new MethodRef(c, clinit));
                runtimeInitialised.add(c);
            }
        } else {
            statics.staticsUsed(c, this);
        }
    }

    private static boolean isGenerated(JClass c) { return c.name().contains("$$Lambda$"); }

    private void scan(MethodRef m) {
        if (m.isNative() || m.isAbstract()) return;
        useStatics(m.owner(), false);
        for (AbstractInsnNode insn : m.node().instructions) {
            switch (insn) {
                case MethodInsnNode call -> call(call);
                case FieldInsnNode f -> {
                    if (f.getOpcode() == Opcodes.GETSTATIC || f.getOpcode() == Opcodes.PUTSTATIC) {
                        useStatics(world.resolveFieldOwner(f.owner, f.name), true);
                    } else {
                        world.resolveFieldOwner(f.owner, f.name);
                    }
                }
                case TypeInsnNode t -> typeInsn(t);
                case MultiANewArrayInsnNode mt -> {
                    Type a = Type.getType(mt.desc);
                    for (int d = 0; d < a.getDimensions(); d++) arrayType(a.getDescriptor().substring(d));
                }
                case IntInsnNode i when i.getOpcode() == Opcodes.NEWARRAY -> arrayType(primitiveArray(i.operand));
                case LdcInsnNode l -> {
                    if (l.cst instanceof String) instantiate(world.get("java/lang/String"));
                }
                default -> {}
            }
        }
        // What this method reaches is scanned by drain's loop, not here: a nested drain made the JVM's stack
        // as deep as the longest chain of newly found methods (a StackOverflowError on the whole kernel).
    }

    private void typeInsn(TypeInsnNode t) {
        switch (t.getOpcode()) {
            case Opcodes.NEW -> {
                JClass c = world.get(t.desc);
                useStatics(c, false);
                if (!WordTypes.isWord(c.name())) instantiate(c); // a word is a long, never an object (WordTypes)
            }
            case Opcodes.ANEWARRAY -> arrayType("[" + (t.desc.startsWith("[") ? t.desc : "L" + t.desc + ";"));
            default -> {
                if (t.desc.startsWith("[")) arrayType(t.desc);
                else world.get(t.desc);
            }
        }
    }

    private void call(MethodInsnNode call) {
        if (IntrinsicMethods.isIntrinsic(call.owner, call.name, call.desc)) {
            if (call.owner.startsWith("[")) arrayType(call.owner);
            return;
        }
        if (call.owner.startsWith("[")) {
            arrayType(call.owner);
            if (!call.name.equals("clone")) virtualCall("java/lang/Object", call.name, call.desc);
            return;
        }
        if (WordTypes.isWord(call.owner) && call.getOpcode() != Opcodes.INVOKESTATIC) {
            // A word's constructor and equals are inline code (lower/Calls); its other methods are direct calls.
            if (call.name.equals("<init>") || call.name.equals("equals") && call.desc.equals("(Ljava/lang/Object;)Z")) return;
            add(world.resolveMethod(call.owner, call.name, call.desc));
            return;
        }
        switch (call.getOpcode()) {
            case Opcodes.INVOKESTATIC -> {
                MethodRef target = world.resolveMethod(call.owner, call.name, call.desc);
                useStatics(target.owner(), false);
                add(target);
            }
            case Opcodes.INVOKESPECIAL -> add(world.resolveMethod(call.owner, call.name, call.desc));
            default -> {
                MethodRef declared = world.resolveMethod(call.owner, call.name, call.desc);
                if (declared.isPrivate() || !declared.isVirtual()) add(declared);
                else virtualCall(call.owner, call.name, call.desc);
            }
        }
    }

    public static String primitiveArray(int operand) {
        return switch (operand) {
            case Opcodes.T_BOOLEAN -> "[Z";
            case Opcodes.T_CHAR -> "[C";
            case Opcodes.T_FLOAT -> "[F";
            case Opcodes.T_DOUBLE -> "[D";
            case Opcodes.T_BYTE -> "[B";
            case Opcodes.T_SHORT -> "[S";
            case Opcodes.T_INT -> "[I";
            case Opcodes.T_LONG -> "[J";
            default -> throw new IllegalArgumentException("newarray type " + operand);
        };
    }

    /** Every target a virtual or interface call may reach, given the instantiated classes. */
    public Set<MethodRef> targets(String owner, String name, String desc) {
        JClass o = world.get(owner);
        Set<MethodRef> result = new LinkedHashSet<>();
        for (JClass c : instantiated) {
            if (!c.isSubtypeOf(o)) continue;
            MethodRef t = world.selectVirtual(c, name, desc);
            if (t != null) result.add(t);
        }
        return result;
    }
}
