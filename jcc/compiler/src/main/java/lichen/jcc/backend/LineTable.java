package lichen.jcc.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The address-to-line table that backtraces print from. The program is
 * linked once with an empty table; the DWARF line program LLVM wrote is read
 * back with llvm-dwarfdump; then the program is linked again with the table
 * filled in. The table lives in writable data, which the linker places after
 * the code, so the code's addresses are the same in both links.
 */
public final class LineTable {
    private LineTable() {}

    /** The IR of the table: sorted addresses and the line of each (0 where no line is known). */
    public static String module(Map<Long, Integer> rows, String triple, String datalayout) {
        StringBuilder addresses = new StringBuilder(), lines = new StringBuilder();
        for (Map.Entry<Long, Integer> r : rows.entrySet()) {
            if (!addresses.isEmpty()) {
                addresses.append(", ");
                lines.append(", ");
            }
            addresses.append("i64 ").append(r.getKey());
            lines.append("i32 ").append(r.getValue());
        }
        int n = rows.size();
        return "target triple = \"" + triple + "\"\ntarget datalayout = \"" + datalayout + "\"\n"
                + "@jcc.lineCount = global i32 " + n + "\n"
                + "@jcc.lineAddresses = global [" + n + " x i64] [" + addresses + "]\n"
                + "@jcc.lineNumbers = global [" + n + " x i32] [" + lines + "]\n";
    }

    /** The rows of .debug_line in a linked executable, by address; the end of a sequence maps to 0. */
    public static Map<Long, Integer> read(Path executable) {
        Map<Long, Integer> rows = new TreeMap<>();
        String text;
        try {
            Process p = new ProcessBuilder(Toolchain.get().tool("llvm-dwarfdump").toString(), "--debug-line", executable.toString())
                    .redirectErrorStream(true).start();
            text = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) throw new IllegalStateException("llvm-dwarfdump failed:\n" + text);
        } catch (IOException e) {
            throw new IllegalStateException("llvm-dwarfdump could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String line : text.split("\n")) {
            if (!line.startsWith("0x")) continue;
            List<String> f = fields(line);
            long address = Long.parseUnsignedLong(f.get(0).substring(2), 16);
            int number = Integer.parseInt(f.get(1));
            rows.put(address, line.contains("end_sequence") ? 0 : number);
        }
        return rows;
    }

    private static List<String> fields(String line) {
        List<String> f = new ArrayList<>();
        for (String s : line.trim().split("\\s+")) f.add(s);
        return f;
    }
}
