package lichen.jcc.lower;

import lichen.jcc.image.ImageHeap;
import lichen.jcc.layout.Layout;
import lichen.jcc.world.JClass;
import lichen.jcc.world.MethodRef;
import lichen.jcc.world.Reachability;
import lichen.jcc.world.World;
import org.objectweb.asm.Type;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Class descriptors, one global per class and array type: the name, the type
 * id range, the instance (or element) size, the implemented interfaces, the
 * itable, the component type of arrays, the kind, the head of the slab free
 * list of {@code @Slab} classes (so descriptors are writable), then the vtable. Offsets are
 * {@link Layout}'s DESC_* constants.
 */
final class Descriptors {
    private final World world;
    private final Layout layout;
    private final Reachability reach;
    private final ImageHeap heap;

    Descriptors(World world, Layout layout, Reachability reach, ImageHeap heap) {
        this.world = world;
        this.layout = layout;
        this.reach = reach;
        this.heap = heap;
    }

    void write(StringBuilder out, Set<String> requestedArrays) {
        for (JClass c : List.copyOf(world.classes())) writeClass(out, c);
        Set<String> arrays = new TreeSet<>(reach.arrayTypes());
        arrays.add("[C"); // the characters of every String in the image heap
        for (String r : requestedArrays) if (r.startsWith("[")) arrays.add(r);
        // Component descriptors of every array type must exist too.
        for (String a : List.copyOf(arrays)) for (int d = 1; a.charAt(d - 1) == '[' && a.charAt(d) == '['; d++) arrays.add(a.substring(d));
        for (String a : arrays) writeArray(out, a);
    }

    private void writeClass(StringBuilder out, JClass c) {
        Layout.ClassLayout cl = layout.of(c);
        String sym = IrTypes.descriptor(c.name());
        String interfaces = sym.replace("desc:", "ifaces:");
        String itable = sym.replace("desc:", "itable:");
        Set<JClass> all = Layout.allInterfaces(c);
        StringBuilder ifs = new StringBuilder();
        for (JClass i : all) ifs.append("ptr ").append(IrTypes.descriptor(i.name())).append(", ");
        out.append(interfaces).append(" = private constant [").append(all.size() + 1).append(" x ptr] [").append(ifs).append("ptr null]\n");

        StringBuilder it = new StringBuilder();
        int entries = 0;
        if (!c.isInterface() && !c.isAbstract() && reach.instantiated().contains(c)) {
            for (JClass i : all) {
                List<String> slots = layout.interfaceSlots(i);
                if (slots.isEmpty()) continue;
                String table = sym.replace("desc:", "itab:" + i.name() + ":");
                out.append(table).append(" = private constant [").append(slots.size()).append(" x ptr] [");
                for (int k = 0; k < slots.size(); k++) {
                    if (k > 0) out.append(", ");
                    out.append("ptr ").append(target(c, slots.get(k)));
                }
                out.append("]\n");
                it.append("ptr ").append(IrTypes.descriptor(i.name())).append(", ptr ").append(table).append(", ");
                entries += 2;
            }
        }
        out.append(itable).append(" = private constant [").append(entries + 1).append(" x ptr] [").append(it).append("ptr null]\n");

        List<String> vt = c.isInterface() ? List.of() : cl.vtable;
        int kind = c.isInterface() ? Layout.KIND_INTERFACE : Layout.KIND_CLASS;
        out.append(sym).append(" = internal global ").append(type(vt.size())).append(" { ptr ")
                .append(heap.literal(c.name().replace('/', '.'))).append(", i32 ").append(cl.id).append(", i32 ").append(cl.last)
                .append(", i64 ").append(cl.size).append(", ptr ").append(interfaces).append(", ptr ").append(itable)
                .append(", ptr null, i32 ").append(kind).append(", i32 0, i64 0, ").append(vtable(c, vt)).append(" }\n");
    }

    private void writeArray(StringBuilder out, String desc) {
        Type element = Type.getType(desc.substring(1));
        boolean reference = Layout.isReference(element);
        String component = switch (element.getSort()) {
            case Type.OBJECT -> IrTypes.descriptor(element.getInternalName());
            case Type.ARRAY -> IrTypes.descriptor(element.getDescriptor());
            default -> "null";
        };
        if (element.getSort() == Type.OBJECT) world.get(element.getInternalName());
        JClass object = world.get("java/lang/Object");
        List<String> vt = layout.of(object).vtable;
        String name = desc.replace('/', '.');
        out.append(IrTypes.descriptor(desc)).append(" = internal global ").append(type(vt.size())).append(" { ptr ")
                .append(heap.literal(name)).append(", i32 -1, i32 -2, i64 ").append(Layout.storageSize(element.getDescriptor()))
                .append(", ptr @jcc.noInterfaces, ptr @jcc.noInterfaces, ptr ").append(component).append(", i32 ")
                .append(reference ? Layout.KIND_REFERENCE_ARRAY : Layout.KIND_PRIMITIVE_ARRAY).append(", i32 0, i64 0, ")
                .append(vtable(object, vt)).append(" }\n");
    }

    static String type(int slots) { return "{ ptr, i32, i32, i64, ptr, ptr, ptr, i32, i32, i64, [" + slots + " x ptr] }"; }

    private String vtable(JClass c, List<String> slots) {
        StringBuilder sb = new StringBuilder("[" + slots.size() + " x ptr] [");
        for (int i = 0; i < slots.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append("ptr ").append(target(c, slots.get(i)));
        }
        return sb.append("]").toString();
    }

    /** The function a slot holds for class {@code c}, or null where nothing reachable can be called. */
    private String target(JClass c, String sig) {
        int paren = sig.indexOf('(');
        MethodRef m = world.selectVirtual(c, sig.substring(0, paren), sig.substring(paren));
        if (m == null || !reach.isReachable(m) || m.isNative()) return "null";
        return IrTypes.global(m.symbol());
    }
}
