package lichen.jcc.lower;

import lichen.jcc.world.MethodRef;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DWARF line information as LLVM metadata: one compile unit, a DIFile per
 * source file, a DISubprogram per compiled method and a DILocation per
 * (method, line). LLVM turns it into .debug_line, which gdb reads for
 * {@code just debug} and jcc reads back after linking for backtraces
 * (backend/LineTable).
 */
final class DebugInfo {
    private final StringBuilder nodes = new StringBuilder();
    private final Map<String, Integer> files = new HashMap<>();
    private final Map<String, Integer> locations = new LinkedHashMap<>();
    private int next = 10;
    private final int unit;
    private final int emptyType;

    DebugInfo() {
        unit = next++;
        emptyType = next++;
        nodes.append('!').append(emptyType).append(" = !DISubroutineType(types: !{})\n");
    }

    private int file(String sourceFile, String packageDir) {
        return files.computeIfAbsent(packageDir + "/" + sourceFile, k -> {
            int id = next++;
            nodes.append('!').append(id).append(" = !DIFile(filename: \"").append(sourceFile).append("\", directory: \"")
                    .append(packageDir).append("\")\n");
            return id;
        });
    }

    /** The DISubprogram of a method; its id goes on the function's definition. */
    int subprogram(MethodRef m, int firstLine) {
        String owner = m.owner().name();
        int slash = owner.lastIndexOf('/');
        int file = file(m.owner().sourceFile(), slash < 0 ? "." : owner.substring(0, slash));
        int id = next++;
        nodes.append('!').append(id).append(" = distinct !DISubprogram(name: \"").append(escape(m.name()))
                .append("\", linkageName: \"").append(escape(m.symbol())).append("\", scope: !").append(file)
                .append(", file: !").append(file).append(", line: ").append(firstLine).append(", type: !").append(emptyType)
                .append(", scopeLine: ").append(firstLine).append(", spFlags: DISPFlagDefinition, unit: !").append(unit).append(")\n");
        return id;
    }

    /** The suffix that attaches a source line to an instruction. */
    String location(int subprogram, int line) {
        String key = subprogram + ":" + line;
        Integer id = locations.get(key);
        if (id == null) {
            id = next++;
            locations.put(key, id);
            nodes.append('!').append(id).append(" = !DILocation(line: ").append(line).append(", scope: !").append(subprogram).append(")\n");
        }
        return ", !dbg !" + id;
    }

    String text() {
        int anyFile = files.isEmpty() ? file("jcc", ".") : files.values().iterator().next();
        return "!llvm.dbg.cu = !{!" + unit + "}\n"
                + "!llvm.module.flags = !{!1, !2}\n"
                + "!1 = !{i32 2, !\"Debug Info Version\", i32 3}\n"
                + "!2 = !{i32 7, !\"Dwarf Version\", i32 5}\n"
                + "!" + unit + " = distinct !DICompileUnit(language: DW_LANG_Java, file: !" + anyFile
                + ", producer: \"jcc\", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)\n"
                + nodes;
    }

    private static String escape(String s) { return s.replace("\\", "\\5C").replace("\"", "\\22"); }
}
