package lichen.jcc;

import lichen.jcc.layout.Layout;
import lichen.jcc.world.JClass;
import lichen.jcc.world.MethodRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What {@code --dump-after=PASS} prints: the state a pass hands on, as text.
 * frontend: the inputs; load: the class path; check: the classes loaded to
 * check the program, with where each came from; entry: the entry method; reachability:
 * the reachable methods, the instantiated classes and those initialised at
 * start; layout: each instantiated class's id, size, fields and vtable;
 * lower and optimize: the module's IR; link: the image written.
 */
final class PassDump {
    private PassDump() {}

    static String after(String pass, Compilation c) {
        StringBuilder out = new StringBuilder();
        switch (pass) {
            case "frontend" -> {
                for (Path p : c.sources) out.append("source ").append(p).append('\n');
                for (Path p : c.programRoots) out.append("classes ").append(p).append('\n');
            }
            case "load" -> { // the world loads each class the first time a later pass asks for it
                for (Path p : c.world.classPath().programRoots()) out.append("class path ").append(p).append('\n');
                out.append(c.world.classes().size()).append(" classes loaded so far (the rest load on demand)\n");
            }
            case "check" -> {
                for (JClass k : sorted(c.world.classes())) {
                    out.append(k.origin.name().toLowerCase()).append(' ').append(k.name())
                            .append(k.superclass == null ? "" : " extends " + k.superclass.name()).append('\n');
                }
                out.append("subset check: no violations\n");
            }
            case "entry" -> out.append("entry ").append(c.main.symbol()).append('\n');
            case "reachability" -> {
                List<MethodRef> methods = c.reach.methods().stream().sorted(Comparator.comparing(MethodRef::symbol)).toList();
                out.append(methods.size()).append(" reachable methods\n");
                for (MethodRef m : methods) out.append("method ").append(m.symbol()).append('\n');
                for (JClass k : sorted(c.reach.instantiated())) out.append("instantiated ").append(k.name()).append('\n');
                for (JClass k : sorted(c.reach.runtimeInitialised())) out.append("initialised at start ").append(k.name()).append('\n');
            }
            case "layout" -> {
                for (JClass k : sorted(c.reach.instantiated())) {
                    Layout.ClassLayout l = c.layout.of(k);
                    out.append("class ").append(k.name()).append(" id ").append(l.id).append(" size ").append(l.size).append('\n');
                    for (Map.Entry<String, Integer> f : l.fieldOffsets.entrySet()) {
                        out.append("  field +").append(f.getValue()).append(' ').append(f.getKey()).append(' ')
                                .append(l.fieldDescs.get(f.getKey())).append('\n');
                    }
                    for (int i = 0; i < l.vtable.size(); i++) out.append("  vtable[").append(i).append("] ").append(l.vtable.get(i)).append('\n');
                }
            }
            case "lower", "optimize" -> out.append(c.ir);
            case "link" -> {
                Path image = c.image;
                if (image != null && Files.isRegularFile(image)) {
                    try {
                        out.append("image ").append(image).append(' ').append(Files.size(image)).append(" bytes\n");
                    } catch (IOException e) {
                        out.append("image ").append(image).append(": ").append(e.getMessage()).append('\n');
                    }
                }
            }
            default -> throw new IllegalArgumentException("no pass named '" + pass + "'");
        }
        return out.toString();
    }

    private static List<JClass> sorted(java.util.Collection<JClass> classes) {
        return classes.stream().sorted(Comparator.comparing(JClass::name)).toList();
    }
}
