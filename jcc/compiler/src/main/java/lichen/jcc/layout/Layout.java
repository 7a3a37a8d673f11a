package lichen.jcc.layout;

import lichen.jcc.world.*;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.*;

/**
 * The object model (docs/jcc.md, "Object model"): one header word pointing at
 * the class descriptor, then the fields, superclass fields first, each aligned
 * to its size; arrays add a 32-bit length and keep elements 16-byte aligned.
 * Type ids number the class tree in preorder so that a class test is a range
 * check; vtables hold the virtually called methods, inherited slots first.
 */
public final class Layout {
    public static final int HEADER = 8;
    public static final int ARRAY_LENGTH = 8;
    public static final int ARRAY_DATA = 16;

    /** Byte offsets of the class descriptor's fields (see {@code Descriptors}). */
    public static final int DESC_NAME = 0, DESC_ID = 8, DESC_LAST = 12, DESC_SIZE = 16, DESC_INTERFACES = 24,
            DESC_ITABLE = 32, DESC_COMPONENT = 40, DESC_KIND = 48, DESC_SLAB = 56, DESC_VTABLE = 64;
    public static final int KIND_CLASS = 0, KIND_INTERFACE = 1, KIND_PRIMITIVE_ARRAY = 2, KIND_REFERENCE_ARRAY = 3;

    private final World world;
    private final Reachability reach;
    private final Map<JClass, ClassLayout> layouts = new HashMap<>();
    private int nextId;

    public Layout(World world, Reachability reach) {
        this.world = world;
        this.reach = reach;
        JClass object = world.get("java/lang/Object");
        number(object);
        for (JClass c : world.classes()) if (c.isInterface()) of(c).id = nextId++;
    }

    public static final class ClassLayout {
        public final JClass type;
        public final Map<String, Integer> fieldOffsets = new LinkedHashMap<>();
        public final Map<String, String> fieldDescs = new LinkedHashMap<>();
        public int size = HEADER;
        /** Where the fields end, before the size is rounded: a subclass's fields start here. */
        int fieldsEnd = HEADER;
        public int id = -1, last = -1;
        public final List<String> vtable = new ArrayList<>();

        ClassLayout(JClass type) { this.type = type; }

        public int slot(String signature) { return vtable.indexOf(signature); }
    }

    /** Preorder numbering of the class tree: a class's subtree is [id, last]. */
    private void number(JClass c) {
        ClassLayout l = of(c);
        l.id = nextId++;
        for (JClass sub : c.subclasses) if (!sub.isInterface() && sub.superclass == c) number(sub);
        l.last = nextId - 1;
    }

    public ClassLayout of(JClass c) {
        ClassLayout l = layouts.get(c);
        if (l != null) return l;
        l = new ClassLayout(c);
        layouts.put(c, l);
        if (c.superclass != null && !c.isInterface()) {
            ClassLayout s = of(c.superclass);
            l.fieldOffsets.putAll(s.fieldOffsets);
            l.fieldDescs.putAll(s.fieldDescs);
            l.fieldsEnd = s.fieldsEnd;
            l.vtable.addAll(s.vtable);
        }
        for (FieldNode f : c.node.fields) {
            if ((f.access & Opcodes.ACC_STATIC) != 0) continue;
            int size = storageSize(f.desc);
            l.fieldsEnd = (l.fieldsEnd + size - 1) / size * size;
            l.fieldOffsets.put(c.name() + "." + f.name, l.fieldsEnd);
            l.fieldDescs.put(c.name() + "." + f.name, f.desc);
            l.fieldsEnd += size;
        }
        // At least two words: a freed @Slab object links its slab's free list through its second word.
        l.size = Math.max(16, (l.fieldsEnd + 7) / 8 * 8);
        if (!c.isInterface()) {
            for (String sig : reach.virtualCalls().keySet()) {
                if (!l.vtable.contains(sig) && declaresOrInherits(c, sig)) l.vtable.add(sig);
            }
        }
        return l;
    }

    /** Whether a virtual call of {@code sig} on a receiver of static type {@code c} is legal. */
    private static boolean declaresOrInherits(JClass c, String sig) {
        for (JClass k = c; k != null; k = k.superclass) {
            for (MethodNode m : k.node.methods) {
                if ((m.name + m.desc).equals(sig) && (m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0) return true;
            }
            for (JClass i : k.interfaces) if (interfaceDeclares(i, sig)) return true;
        }
        return false;
    }

    private static boolean interfaceDeclares(JClass i, String sig) {
        for (MethodNode m : i.node.methods) if ((m.name + m.desc).equals(sig) && (m.access & Opcodes.ACC_STATIC) == 0) return true;
        for (JClass s : i.interfaces) if (interfaceDeclares(s, sig)) return true;
        return false;
    }

    /** The offset of an instance field, resolved as getfield resolves it. */
    public int fieldOffset(String owner, String name) {
        JClass declaring = world.resolveFieldOwner(owner, name);
        Integer off = of(world.get(owner)).fieldOffsets.get(declaring.name() + "." + name);
        if (off == null) throw new IllegalStateException("no layout for field " + owner + "." + name);
        return off;
    }

    /** Bytes a value of this descriptor takes in an object or array. */
    public static int storageSize(String desc) {
        return switch (desc.charAt(0)) {
            case 'Z', 'B' -> 1;
            case 'C', 'S' -> 2;
            case 'I', 'F' -> 4;
            default -> 8;
        };
    }

    /** Interfaces a class implements, directly or through its supertypes, each once. */
    public static Set<JClass> allInterfaces(JClass c) {
        Set<JClass> result = new LinkedHashSet<>();
        Deque<JClass> todo = new ArrayDeque<>();
        for (JClass k = c; k != null; k = k.superclass) todo.addAll(k.interfaces);
        while (!todo.isEmpty()) {
            JClass i = todo.poll();
            if (result.add(i)) todo.addAll(i.interfaces);
        }
        return result;
    }

    /** The method signatures called through an interface, in a fixed order: its itable slots. */
    public List<String> interfaceSlots(JClass iface) {
        List<String> slots = new ArrayList<>();
        for (Map.Entry<String, Set<JClass>> e : reach.virtualCalls().entrySet()) {
            if (e.getValue().contains(iface)) slots.add(e.getKey());
        }
        return slots;
    }

    public static boolean isReference(Type t) { return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY; }
}
