package lichen.jcc.image;

import lichen.jcc.CompileError;
import lichen.jcc.layout.Layout;
import lichen.jcc.lower.IrTypes;
import lichen.jcc.world.JClass;
import lichen.jcc.world.World;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the image heap's objects as LLVM globals with the object model of
 * {@link Layout}: a packed struct per object, its fields at their offsets and
 * zero bytes between them. Strings, StringBuilders and enums get the runtime's
 * layout of those classes, filled from the JVM objects' values.
 */
final class HeapWriter {
    private final World world;
    private final Layout layout;
    private final ImageHeap heap;

    HeapWriter(World world, Layout layout, ImageHeap heap) {
        this.world = world;
        this.layout = layout;
        this.heap = heap;
    }

    void write(StringBuilder out) {
        List<Object> objects = heap.objects();
        for (int i = 0; i < objects.size(); i++) {
            Object o = objects.get(i);
            String body = o.getClass().isArray() ? array(o) : object(o);
            out.append(heap.nameOf(o)).append(" = internal global ").append(body).append(", align 16\n");
        }
    }

    private String array(Object a) {
        Class<?> k = a.getClass();
        String desc = k.descriptorString();
        String element = desc.substring(1);
        String storage = IrTypes.storage(element);
        int n = Array.getLength(a);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) values.append(", ");
            values.append(storage).append(' ').append(heap.constant(Array.get(a, i), element));
        }
        String data = n == 0 ? "[0 x " + storage + "] zeroinitializer" : "[" + n + " x " + storage + "] [" + values + "]";
        String type = "<{ ptr, i32, i32, [" + n + " x " + storage + "] }>";
        return type + " <{ ptr " + IrTypes.descriptor(desc) + ", i32 " + n + ", i32 0, " + data + " }>";
    }

    private String object(Object o) {
        String internal = o instanceof String ? "java/lang/String" : o instanceof StringBuilder ? "java/lang/StringBuilder"
                : o instanceof java.nio.charset.Charset ? "java/nio/charset/Charset" : o.getClass().getName().replace('.', '/');
        JClass c = world.get(internal);
        Layout.ClassLayout cl = layout.of(c);
        TreeMap<Integer, String[]> fields = new TreeMap<>();
        for (Map.Entry<String, Integer> f : cl.fieldOffsets.entrySet()) {
            String key = f.getKey();
            String desc = cl.fieldDescs.get(key);
            Object value = fieldValue(o, key);
            fields.put(f.getValue(), new String[] {IrTypes.storage(desc), heap.constant(value, desc), desc});
        }
        StringBuilder type = new StringBuilder("<{ ptr");
        StringBuilder init = new StringBuilder("<{ ptr " + IrTypes.descriptor(internal));
        int at = Layout.HEADER;
        for (Map.Entry<Integer, String[]> f : fields.entrySet()) {
            if (f.getKey() > at) {
                type.append(", [").append(f.getKey() - at).append(" x i8]");
                init.append(", [").append(f.getKey() - at).append(" x i8] zeroinitializer");
            }
            type.append(", ").append(f.getValue()[0]);
            init.append(", ").append(f.getValue()[0]).append(' ').append(f.getValue()[1]);
            at = f.getKey() + Layout.storageSize(f.getValue()[2]);
        }
        if (cl.size > at) {
            type.append(", [").append(cl.size - at).append(" x i8]");
            init.append(", [").append(cl.size - at).append(" x i8] zeroinitializer");
        }
        return type.append(" }>").toString() + " " + init.append(" }>");
    }

    /** The value of field "Owner.name" of a JVM object, for the runtime's layout of its class. */
    private Object fieldValue(Object o, String key) {
        int dot = key.lastIndexOf('.');
        String owner = key.substring(0, dot), name = key.substring(dot + 1);
        if (owner.equals("java/lang/String")) {
            String s = (String) o;
            return switch (name) {
                case "value" -> heap.charsOf(s);
                case "hash" -> s.hashCode();
                default -> throw new CompileError("the runtime's String has a field '" + name + "' that jcc cannot fill");
            };
        }
        if (owner.equals("java/lang/StringBuilder")) {
            StringBuilder sb = (StringBuilder) o;
            return switch (name) {
                case "value" -> heap.charsOf(sb);
                case "count" -> sb.length();
                default -> throw new CompileError("the runtime's StringBuilder has a field '" + name + "' that jcc cannot fill");
            };
        }
        if (owner.equals("java/nio/charset/Charset")) {
            java.nio.charset.Charset cs = (java.nio.charset.Charset) o;
            if (!name.equals("name")) throw new CompileError("the runtime's Charset has a field '" + name + "' that jcc cannot fill");
            return cs.name();
        }
        if (owner.equals("java/lang/Enum")) {
            Enum<?> e = (Enum<?>) o;
            return switch (name) {
                case "name" -> e.name();
                case "ordinal" -> e.ordinal();
                default -> throw new CompileError("the runtime's Enum has a field '" + name + "' that jcc cannot fill");
            };
        }
        for (Class<?> k = o.getClass(); k != null; k = k.getSuperclass()) {
            if (!k.getName().replace('.', '/').equals(owner)) continue;
            try {
                Field f = k.getDeclaredField(name);
                return ImageHeap.read(f, o);
            } catch (NoSuchFieldException e) {
                break;
            }
        }
        throw new CompileError("cannot freeze field " + owner.replace('/', '.') + "." + name + " of a " + o.getClass().getName());
    }
}
