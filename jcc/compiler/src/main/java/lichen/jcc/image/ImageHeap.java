package lichen.jcc.image;


import lichen.jcc.CompileError;
import lichen.jcc.layout.Layout;
import lichen.jcc.lower.IrTypes;
import lichen.jcc.world.JClass;
import lichen.jcc.world.Reachability;
import lichen.jcc.world.World;
import lichen.jcc.world.WordTypes;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.*;

/**
 * The image heap: objects that exist before the program starts, written into
 * the data section as GraalVM's image heap is. They are string literals and
 * the object graphs that build-time initialisation leaves in static fields.
 * Each object keeps its identity (one global per object) and gets the layout
 * the compiled code uses, so the program cannot tell them from objects it
 * allocated.
 */
public final class ImageHeap implements Reachability.StaticsListener {
    private final World world;
    private final BuildTimeInit init;
    private final IdentityHashMap<Object, String> names = new IdentityHashMap<>();
    private final Map<String, String> literals = new HashMap<>();
    private final List<Object> order = new ArrayList<>();
    private final Map<String, Object> staticValues = new HashMap<>();
    private final IdentityHashMap<Object, char[]> stringChars = new IdentityHashMap<>();
    private Reachability reach;

    public ImageHeap(World world) {
        this.world = world;
        this.init = new BuildTimeInit(world.classPath().programRoots());
    }

    @Override
    public void staticsUsed(JClass c, Reachability r) {
        reach = r;
        for (Map.Entry<String, Object> e : init.staticValues(c).entrySet()) {
            staticValues.put(c.name() + "." + e.getKey(), e.getValue());
            Object v = e.getValue();
            if (v != null && !isBoxedPrimitive(v)) visit(v, c.name() + "." + e.getKey());
        }
    }

    /** The frozen value of a static field ("Owner.name"), or null if it was never initialised at build time. */
    public Object staticValue(String field) { return staticValues.get(field); }

    public boolean hasStaticValue(String field) { return staticValues.containsKey(field); }

    /** The global of a string literal: one String object per distinct text, as the JVM interns literals. */
    public String literal(String s) {
        String existing = literals.get(s);
        if (existing != null) return existing;
        String canonical = s.intern();
        String name = reference(canonical);
        literals.put(s, name);
        return name;
    }

    /** The global that holds an object, registering it (and what it refers to) on first use. */
    private String reference(Object o) {
        String name = names.get(o);
        if (name != null) return name;
        name = IrTypes.global("obj:" + names.size());
        names.put(o, name);
        order.add(o);
        if (o instanceof String s) reference(charsOf(s));
        return name;
    }

    /** Registers an object graph frozen from a static field, marking its classes as instantiated. */
    private void visit(Object root, String where) {
        Deque<Object> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Object o = todo.poll();
            if (names.containsKey(o) || isWord(o)) continue; // a word is frozen as its value, in place (constant)
            reference(o);
            Class<?> k = o.getClass();
            if (k.isArray()) {
                if (reach != null) reach.arrayType(k.descriptorString());
                if (!k.getComponentType().isPrimitive()) {
                    for (Object e : (Object[]) o) if (e != null) todo.add(e);
                }
                continue;
            }
            if (o instanceof String) {
                if (reach != null) reach.instantiate(world.get("java/lang/String"));
                continue;
            }
            if (o instanceof StringBuilder sb) {
                if (reach != null) reach.instantiate(world.get("java/lang/StringBuilder"));
                reference(charsOf(sb));
                continue;
            }
            if (o instanceof java.nio.charset.Charset cs) { // the runtime's Charset is its name (lichen.rt.java.nio.charset.TCharset)
                if (reach != null) reach.instantiate(world.get("java/nio/charset/Charset"));
                reference(cs.name());
                continue;
            }
            if (k.isHidden() || k.isSynthetic()) {
                throw new CompileError("static field " + where.replace('/', '.') + " holds a lambda made by a static initialiser;"
                        + " build-time initialisation cannot freeze lambdas yet: create it in a method instead");
            }
            JClass c = world.get(k.getName().replace('.', '/'));
            if (reach != null) reach.instantiate(c);
            for (Class<?> s = k; s != null && s != Object.class && s != Enum.class && s != Record.class; s = s.getSuperclass()) {
                for (Field f : s.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
                    Object v = read(f, o);
                    if (v != null) todo.add(v);
                }
            }
        }
    }

    static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CompileError("cannot read " + f + " to freeze it into the image: " + e);
        }
    }

    static boolean isBoxedPrimitive(Object v) {
        return v instanceof Number || v instanceof Boolean || v instanceof Character;
    }

    /** Whether a frozen object is a word (WordTypes): it goes into the image as its long, not as an object. */
    private static boolean isWord(Object o) { return WordTypes.isWord(o.getClass().getName().replace('.', '/')); }

    /** A word's value: its one long field, read as the build-time initialiser left it. */
    private static long wordValue(Object word) {
        for (Field f : word.getClass().getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) return (Long) read(f, word);
        }
        throw new CompileError("word " + word.getClass().getName() + " has no value field");
    }

    /** The LLVM constant for a static field's value in its storage type. */
    public String constant(Object v, String desc) {
        if (WordTypes.isWordDescriptor(desc)) return v == null ? "0" : Long.toString(wordValue(v));
        if (v == null) return desc.charAt(0) == 'L' || desc.charAt(0) == '[' ? "null" : "zeroinitializer";
        return switch (desc.charAt(0)) {
            case 'Z' -> (v instanceof Boolean b ? b : ((Number) v).intValue() != 0) ? "1" : "0";
            case 'C' -> Integer.toString(v instanceof Character ch ? (short) ch.charValue() : ((Number) v).shortValue());
            case 'B', 'S', 'I', 'J' -> Long.toString(((Number) v).longValue());
            case 'F' -> IrTypes.floatConstant((Float) v);
            case 'D' -> IrTypes.doubleConstant((Double) v);
            default -> reference(v);
        };
    }

    /** Writes every object of the heap as a global; objects found while writing are written too. */
    public void write(StringBuilder out, Layout layout) {
        new HeapWriter(world, layout, this).write(out);
    }

    List<Object> objects() { return order; }

    /** The one char[] that backs a frozen String, or a StringBuilder's buffer with its spare capacity. */
    char[] charsOf(CharSequence s) {
        char[] chars = stringChars.get(s);
        if (chars == null) {
            chars = new char[s instanceof StringBuilder sb ? Math.max(sb.capacity(), 16) : s.length()];
            for (int i = 0; i < s.length(); i++) chars[i] = s.charAt(i);
            stringChars.put(s, chars);
        }
        return chars;
    }

    String nameOf(Object o) { return reference(o); }
}
