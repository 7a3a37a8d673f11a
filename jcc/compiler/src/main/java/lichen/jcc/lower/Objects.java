package lichen.jcc.lower;

import lichen.jcc.layout.Layout;
import lichen.jcc.world.JClass;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Fields, arrays, allocation and type tests. Every dereference is checked:
 * null is a NullPointerException, an index outside the array an
 * ArrayIndexOutOfBoundsException, a failed cast a ClassCastException, a
 * store of the wrong type into an array an ArrayStoreException, each raised
 * by the runtime's {@code lichen.rt.Throw} with the JVM's message.
 */
final class Objects {
    private final MethodLowering l;
    private final FunctionBuilder fb;
    private final ModuleContext module;

    Objects(MethodLowering l) {
        this.l = l;
        this.fb = l.fb;
        this.module = l.module;
    }

    /** The reference, after a check that it is not null. */
    String nullChecked(String ref) {
        if (ref.equals("%this")) return ref;
        String isNull = fb.def("icmp eq ptr " + ref + ", null");
        String fail = fb.label("npe");
        fb.guard(isNull, fail, "nonnull");
        fb.cold(fail, "call void " + module.runtime("lichen/rt/Throw", "nullPointer", "()V") + "()");
        return ref;
    }

    void field(int op, FieldInsnNode f) {
        String storage = IrTypes.storage(f.desc);
        switch (op) {
            case Opcodes.GETSTATIC -> {
                String g = module.staticField(f.owner, f.name);
                String v = isVolatile(f) ? fb.def("load atomic " + storage + ", ptr " + g + " seq_cst, align " + Layout.storageSize(f.desc))
                        : fb.load(storage, g);
                l.push(widen(v, f.desc), IrTypes.kindOf(Type.getType(f.desc)), 0);
            }
            case Opcodes.PUTSTATIC -> {
                String v = narrow(l.operand(0, 1), f.desc);
                String g = module.staticField(f.owner, f.name);
                if (isVolatile(f)) fb.emit("store atomic " + storage + " " + v + ", ptr " + g + " seq_cst, align " + Layout.storageSize(f.desc));
                else fb.store(storage, v, g);
            }
            case Opcodes.GETFIELD -> {
                if (l.operandKind(0, 1) == 'w') { // a word's one field is the word itself (WordTypes)
                    l.push(l.operand(0, 1), 'j', 1);
                    return;
                }
                String obj = nullChecked(l.operand(0, 1));
                String p = fb.offset(obj, module.layout.fieldOffset(f.owner, f.name));
                String v = isVolatile(f) ? fb.def("load atomic " + storage + ", ptr " + p + " seq_cst, align " + Layout.storageSize(f.desc))
                        : fb.load(storage, p);
                l.push(widen(v, f.desc), IrTypes.kindOf(Type.getType(f.desc)), 1);
            }
            case Opcodes.PUTFIELD -> {
                String obj = nullChecked(l.operand(0, 2));
                String v = narrow(l.operand(1, 2), f.desc);
                String p = fb.offset(obj, module.layout.fieldOffset(f.owner, f.name));
                if (isVolatile(f)) fb.emit("store atomic " + storage + " " + v + ", ptr " + p + " seq_cst, align " + Layout.storageSize(f.desc));
                else fb.store(storage, v, p);
            }
            default -> throw l.error("field opcode " + op);
        }
    }

    /** A volatile field is read and written with sequentially consistent atomics (JLS 17.4). */
    private boolean isVolatile(FieldInsnNode f) {
        var declaring = module.world.resolveFieldOwner(f.owner, f.name);
        return (declaring.field(f.name).access & Opcodes.ACC_VOLATILE) != 0;
    }

    private String widen(String v, String desc) {
        String ext = IrTypes.widen(desc);
        return ext == null ? v : fb.def(ext + " " + IrTypes.storage(desc) + " " + v + " to i32");
    }

    private String narrow(String v, String desc) {
        String storage = IrTypes.storage(desc);
        if (!storage.equals("i8") && !storage.equals("i16")) return v;
        if (desc.equals("Z")) v = fb.def("and i32 " + v + ", 1");
        return fb.def("trunc i32 " + v + " to " + storage);
    }

    // ---- arrays ------------------------------------------------------------------------------

    private static String elementDesc(int op) {
        return switch (op) {
            case Opcodes.IALOAD, Opcodes.IASTORE -> "I";
            case Opcodes.LALOAD, Opcodes.LASTORE -> "J";
            case Opcodes.FALOAD, Opcodes.FASTORE -> "F";
            case Opcodes.DALOAD, Opcodes.DASTORE -> "D";
            case Opcodes.AALOAD, Opcodes.AASTORE -> "L";
            case Opcodes.BALOAD, Opcodes.BASTORE -> "B";
            case Opcodes.CALOAD, Opcodes.CASTORE -> "C";
            default -> "S";
        };
    }

    /** The address of element {@code index}, after the null and bounds checks. */
    private String element(String array, String index, String storage) {
        nullChecked(array);
        String length = arrayLengthOf(array);
        String outside = fb.def("icmp uge i32 " + index + ", " + length);
        String fail = fb.label("bounds");
        fb.guard(outside, fail, "inbounds");
        fb.cold(fail, "call void " + module.runtime("lichen/rt/Throw", "arrayIndex", "(II)V") + "(i32 " + index + ", i32 " + length + ")");
        String data = fb.offset(array, Layout.ARRAY_DATA);
        String wide = fb.def("zext i32 " + index + " to i64");
        return fb.def("getelementptr inbounds " + storage + ", ptr " + data + ", i64 " + wide);
    }

    /** Whether the array operand of an aaload (2 operands) or aastore (3) holds words, i64 elements. */
    private boolean wordArray(int op, int n) {
        return op == (n == 2 ? Opcodes.AALOAD : Opcodes.AASTORE)
                && lichen.jcc.world.WordValues.isWordArray(l.before.getStack(l.before.getStackSize() - n));
    }

    void arrayLoad(int op) {
        if (wordArray(op, 2)) {
            String array = l.operand(0, 2), index = l.operand(1, 2);
            l.push(fb.load("i64", element(array, index, "i64")), 'w', 2);
            return;
        }
        String desc = elementDesc(op);
        String storage = IrTypes.storage(desc);
        String array = l.operand(0, 2), index = l.operand(1, 2);
        String v = fb.load(storage, element(array, index, storage));
        // baload serves byte[] and boolean[]: both are i8 in memory; sign-extending a boolean's 0/1 is harmless.
        l.push(widen(v, desc), IrTypes.kindOf(Type.getType(desc.equals("L") ? "Ljava/lang/Object;" : desc)), 2);
    }

    void arrayStore(int op) {
        if (wordArray(op, 3)) { // a word array holds only words: no covariance check (JLS 10.5) to make
            String array = l.operand(0, 3), index = l.operand(1, 3), value = l.operand(2, 3);
            if (l.operandKind(2, 3) != 'w') throw l.error("a value that is not a word stored in an array of words");
            fb.store("i64", value, element(array, index, "i64"));
            return;
        }
        String desc = elementDesc(op);
        String storage = IrTypes.storage(desc);
        String array = l.operand(0, 3), index = l.operand(1, 3), value = l.operand(2, 3);
        String p = element(array, index, storage);
        if (op == Opcodes.AASTORE) storeCheck(array, value);
        fb.store(storage, desc.equals("B") || desc.equals("C") || desc.equals("S") ? fb.def("trunc i32 " + value + " to " + storage) : value, p);
    }

    /** aastore's covariance check: the value must be an instance of the array's component type. */
    private void storeCheck(String array, String value) {
        String ok = fb.def("call i1 @jcc.storeCheck(ptr " + array + ", ptr " + value + ")");
        String bad = fb.def("xor i1 " + ok + ", true");
        String fail = fb.label("arraystore");
        fb.guard(bad, fail, "stored");
        fb.cold(fail, "call void " + module.runtime("lichen/rt/Throw", "arrayStore", "(Ljava/lang/Object;)V") + "(ptr " + value + ")");
    }

    /**
     * An array's length never changes once it is made: the load is marked invariant, so LLVM may
     * hoist it out of loops and reuse it across stores, and bounds checks against it fold.
     */
    private String arrayLengthOf(String array) {
        return fb.def("load i32, ptr " + fb.offset(array, Layout.ARRAY_LENGTH) + ", align 4, !invariant.load !3");
    }

    void arrayLength() {
        String a = nullChecked(l.operand(0, 1));
        l.push(arrayLengthOf(a), 'i', 1);
    }

    void newArray(String arrayDesc) {
        String length = l.operand(0, 1);
        l.push(allocateArray(arrayDesc, length), 'a', 1);
    }

    String allocateArray(String arrayDesc, String length) {
        String negative = fb.def("icmp slt i32 " + length + ", 0");
        String fail = fb.label("negsize");
        fb.guard(negative, fail, "size");
        fb.cold(fail, "call void " + module.runtime("lichen/rt/Throw", "negativeArraySize", "(I)V") + "(i32 " + length + ")");
        return fb.def("call ptr @jcc.newArray(ptr " + module.descriptor(arrayDesc) + ", i32 " + length + ")");
    }

    void multiNewArray(String desc, int dims) {
        String lengths = fb.def("alloca [" + dims + " x i32]");
        for (int i = 0; i < dims; i++) {
            String len = l.operand(i, dims);
            String negative = fb.def("icmp slt i32 " + len + ", 0");
            String fail = fb.label("negsize");
            fb.guard(negative, fail, "size");
            fb.cold(fail, "call void " + module.runtime("lichen/rt/Throw", "negativeArraySize", "(I)V") + "(i32 " + len + ")");
            fb.store("i32", len, fb.def("getelementptr inbounds [" + dims + " x i32], ptr " + lengths + ", i64 0, i64 " + i));
        }
        module.descriptor(desc);
        for (int d = 1; d < dims; d++) module.descriptor(desc.substring(d));
        String a = fb.def("call ptr @jcc.multiNewArray(ptr " + module.descriptor(desc) + ", i32 " + dims + ", ptr " + lengths + ")");
        l.push(a, 'a', dims);
    }

    // ---- new, casts, instanceof ----------------------------------------------------------------

    void type(int op, TypeInsnNode t) {
        switch (op) {
            case Opcodes.NEW -> {
                if (lichen.jcc.world.WordTypes.isWord(t.desc)) { // no allocation: the constructor's argument is the word (Calls)
                    l.push("0", 'w', 0);
                    return;
                }
                JClass c = module.world.get(t.desc);
                int size = module.layout.of(c).size;
                if (isSlab(c)) {
                    // A long-lived object: from its class's slab cache, given back by Kmem.free.
                    String desc = fb.def("ptrtoint ptr " + module.descriptor(t.desc) + " to i64");
                    String a = fb.def("call i64 " + module.runtime("lichen/rt/Slabs", "allocate", "(JJ)J") + "(i64 " + desc + ", i64 " + size + ")");
                    l.push(fb.def("inttoptr i64 " + a + " to ptr"), 'a', 0);
                } else {
                    l.push(fb.def("call ptr @jcc.newObject(ptr " + module.descriptor(t.desc) + ", i64 " + size + ")"), 'a', 0);
                }
            }
            case Opcodes.ANEWARRAY -> newArray("[" + (t.desc.startsWith("[") ? t.desc : "L" + t.desc + ";"));
            case Opcodes.CHECKCAST -> {
                String obj = l.operand(0, 1);
                String isNull = fb.def("icmp eq ptr " + obj + ", null");
                String is = isInstanceNonNull(obj, t.desc);
                String ok = fb.def("or i1 " + isNull + ", " + is);
                String bad = fb.def("xor i1 " + ok + ", true");
                String fail = fb.label("cast");
                fb.guard(bad, fail, "cast");
                fb.cold(fail, "call void " + module.runtime("lichen/rt/Throw", "classCast", "(Ljava/lang/Object;Ljava/lang/String;)V")
                        + "(ptr " + obj + ", ptr " + module.strings.literal(javaName(t.desc)) + ")");
                l.push(obj, 'a', 1);
            }
            case Opcodes.INSTANCEOF -> {
                String obj = l.operand(0, 1);
                String r = fb.def("zext i1 " + isInstance(obj, t.desc) + " to i32");
                l.push(r, 'i', 1);
            }
            default -> throw l.error("type opcode " + op);
        }
    }

    static boolean isSlab(JClass c) {
        if (c.node.invisibleAnnotations == null) return false;
        for (var a : c.node.invisibleAnnotations) if (a.desc.equals("Llichen/api/Slab;")) return true;
        return false;
    }

    static String javaName(String internal) { return internal.replace('/', '.'); }

    /** instanceof: false for null. */
    String isInstance(String obj, String type) {
        String isNull = fb.def("icmp eq ptr " + obj + ", null");
        String is = isInstanceNonNull(obj, type);
        String notNull = fb.def("xor i1 " + isNull + ", true");
        return fb.def("and i1 " + notNull + ", " + is);
    }

    /**
     * The type test on a reference that may be null (the caller masks the null case). A class
     * target is a range check on the preorder type id; interfaces and arrays go to @jcc.isSubtype.
     */
    private String isInstanceNonNull(String obj, String type) {
        String safe = fb.def("select i1 " + fb.def("icmp eq ptr " + obj + ", null") + ", ptr @jcc.nullHolder, ptr " + obj);
        String desc = fb.load("ptr", safe);
        if (type.equals("java/lang/Object")) return "true";
        if (!type.startsWith("[")) {
            JClass c = module.world.get(type);
            if (!c.isInterface()) {
                Layout.ClassLayout cl = module.layout.of(c);
                String id = fb.load("i32", fb.offset(desc, Layout.DESC_ID));
                String rel = fb.def("sub i32 " + id + ", " + cl.id);
                return fb.def("icmp ule i32 " + rel + ", " + (cl.last - cl.id));
            }
        }
        return fb.def("call i1 @jcc.isSubtype(ptr " + desc + ", ptr " + module.descriptor(type) + ")");
    }
}
