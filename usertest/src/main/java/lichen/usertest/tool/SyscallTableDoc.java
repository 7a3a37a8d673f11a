package lichen.usertest.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lichen.api.HostOnly;

/**
 * Writes docs/syscalls.md's table from the sources (`just syscall-doc`):
 * one row for each number a {@code case} of the kernel's SyscallTable
 * answers, named by SyscallNames, with its handler and the usertest tests
 * that call it.
 *
 * <p>A test calls a system call when its method, or a method it calls in a
 * class of the tests package or of usertest's sys package (the wrappers),
 * names the call's {@code SyscallNumbers} constant: a wrapper such as
 * {@code Linux.openat} names OPENAT in its {@code Syscall.invoke}, and a
 * thread made by {@code Linux.threadThen(..., SyscallNumbers.READ, ...)}
 * names READ itself. The runner's helpers (Processes, Files, Pipes, ...)
 * are not followed: a test that forks through {@code Processes.fork} proves
 * nothing about clone, one that calls {@code Linux.clone} does. The source
 * is read as text: methods by their declarations (indented four spaces,
 * as the project's format has them) and braces, calls by {@code name(},
 * {@code Class.name(} and {@code Class::name}, overloads together.
 */
@HostOnly
public final class SyscallTableDoc {
    private static final Path TABLE = Path.of("kernel/src/main/java/lichen/kernel/syscall/SyscallTable.java");
    private static final Path NAMES = Path.of("kernel/src/main/java/lichen/kernel/syscall/SyscallNames.java");
    private static final Path USERTEST = Path.of("usertest/src/main/java/lichen/usertest");
    /** The packages whose methods count as a test's own (relative to USERTEST). */
    private static final String[] FOLLOWED = {"tests", "sys"};
    /** How many tests a row names before it says how many more there are. */
    private static final int NAMED = 4;

    private static final Pattern METHOD = Pattern.compile(
            "\\n    (?:(?:public|private|protected|static|final)\\s+)*[A-Za-z][\\w<>\\[\\], ]*?\\s(\\w+)\\s*\\([^)]*\\)\\s*(?:throws [\\w., ]+)?\\{");
    private static final Pattern CALL = Pattern.compile("(?:\\b([A-Z]\\w*)\\s*\\.\\s*)?\\b([a-z]\\w*)\\s*\\(");
    private static final Pattern METHOD_REF = Pattern.compile("\\b([A-Z]\\w*)::(\\w+)");
    private static final Pattern NUMBER = Pattern.compile("\\bSyscallNumbers\\.([A-Z0-9_]+)");
    private static final Pattern TEST = Pattern.compile("list\\.add\\(\\s*\"(\\w+)\"\\s*,\\s*(.*?)\\);", Pattern.DOTALL);
    private static final Pattern CASE = Pattern.compile("^\\s+case ([\\d, ]+) -> (.*?);?\\s*(?://.*)?$");

    private SyscallTableDoc() {}

    /** A method's body (overloads joined) in a followed class. */
    private record Body(String cls, String text) {}

    public static void main(String[] args) throws IOException {
        Path doc = Path.of(args.length > 0 ? args[0] : "docs/syscalls.md");
        Map<String, Body> methods = new HashMap<>();
        Map<String, String> tests = new LinkedHashMap<>();   // test name -> "Class" + '\0' + its body
        for (String pkg : FOLLOWED) {
            try (Stream<Path> files = Files.list(USERTEST.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String cls = f.getFileName().toString().replace(".java", "");
                    String src = Files.readString(f);
                    readMethods(cls, src, methods);
                    Matcher t = TEST.matcher(src);
                    while (t.find()) tests.put(t.group(1), cls + '\0' + t.group(2));
                }
            }
        }
        Map<String, Set<String>> testsOfCall = new TreeMap<>();
        for (Map.Entry<String, String> t : tests.entrySet()) {
            String[] clsAndBody = t.getValue().split("\0", 2);
            for (String call : callsReached(clsAndBody[0], clsAndBody[1], methods)) {
                testsOfCall.computeIfAbsent(call, k -> new TreeSet<>()).add(t.getKey());
            }
        }
        String[] names = syscallNames();
        Map<Integer, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(TABLE)) {
            Matcher m = CASE.matcher(line);
            if (!m.matches()) continue;
            String expr = m.group(2).trim();
            String handler = expr.contains("(") ? expr.substring(0, expr.indexOf('(')) : expr;
            for (String n : m.group(1).split(",")) {
                int nr = Integer.parseInt(n.trim());
                String name = nr < names.length && names[nr] != null ? names[nr] : "syscall " + nr;
                rows.put(nr, "| " + nr + " | " + name + " | `" + handler + "` | " + testColumn(name, testsOfCall.getOrDefault(name, Set.of()))
                        + " |\n");
            }
        }
        StringBuilder table = new StringBuilder("| nr | call | handler | usertest |\n|---:|---|---|---|\n");
        for (String row : rows.values()) table.append(row);
        String text = Files.readString(doc);
        int start = text.indexOf("| nr | call | handler |");
        if (start < 0) throw new IllegalStateException(doc + ": no table to replace");
        int end = text.indexOf("\n\n", start);
        Files.writeString(doc, text.substring(0, start) + table.toString().stripTrailing() + text.substring(end));
        System.out.println(doc + ": " + table.toString().split("\n").length + " lines, " + tests.size() + " tests read");
    }

    /** Every method of {@code src} into {@code out} as "Class.name", overloads joined. */
    private static void readMethods(String cls, String src, Map<String, Body> out) {
        Matcher m = METHOD.matcher(src);
        while (m.find()) {
            int open = m.end() - 1, depth = 0, i = open;
            for (; i < src.length(); i++) {
                char ch = src.charAt(i);
                if (ch == '{') depth++;
                else if (ch == '}' && --depth == 0) break;
            }
            String key = cls + "." + m.group(1);
            Body prev = out.get(key);
            String body = src.substring(open, Math.min(i + 1, src.length()));
            out.put(key, new Body(cls, prev == null ? body : prev.text() + body));
        }
    }

    /** The calls (lower-case names) a test's body names, directly or through the followed methods it calls. */
    private static Set<String> callsReached(String cls, String body, Map<String, Body> methods) {
        Set<String> calls = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        List<Body> work = new ArrayList<>(List.of(new Body(cls, body)));
        while (!work.isEmpty()) {
            Body b = work.remove(work.size() - 1);
            Matcher n = NUMBER.matcher(b.text());
            while (n.find()) calls.add(n.group(1).toLowerCase());
            List<String> targets = new ArrayList<>();
            Matcher c = CALL.matcher(b.text());
            while (c.find()) targets.add((c.group(1) == null ? b.cls() : c.group(1)) + "." + c.group(2));
            Matcher r = METHOD_REF.matcher(b.text());
            while (r.find()) targets.add(r.group(1) + "." + r.group(2));
            for (String t : targets) {
                Body next = methods.get(t);
                if (next != null && seen.add(t)) work.add(next);
            }
        }
        return calls;
    }

    /**
     * Names by number from SyscallNames' three word lists, which start at 0,
     * 260 and 424 (its {@code of}).
     */
    private static String[] syscallNames() throws IOException {
        String src = Files.readString(NAMES);
        String[] names = new String[424 + 100];
        int[] starts = {0, 260, 424};
        String[] lists = {"LOW", "MIDDLE", "HIGH"};
        for (int l = 0; l < lists.length; l++) {
            int from = src.indexOf(lists[l] + " = (");
            int to = src.indexOf(").split", from);
            StringBuilder words = new StringBuilder();
            Matcher s = Pattern.compile("\"([^\"]*)\"").matcher(src.substring(from, to));
            while (s.find()) words.append(s.group(1));
            String[] w = words.toString().split(" ");
            System.arraycopy(w, 0, names, starts[l], w.length);
        }
        if (!"wait4".equals(names[260]) || !"clone3".equals(names[435])) throw new IllegalStateException("SyscallNames moved");
        return names;
    }

    /** The tests named after the call first, then the others, {@link #NAMED} at most and a count of the rest. */
    private static String testColumn(String call, Set<String> tests) {
        if (tests.isEmpty()) return "";
        List<String> ordered = new ArrayList<>();
        for (String t : tests) if (t.startsWith(call + "_")) ordered.add(t);
        for (String t : tests) if (!t.startsWith(call + "_")) ordered.add(t);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(NAMED, ordered.size()); i++) sb.append(i == 0 ? "" : ", ").append('`').append(ordered.get(i)).append('`');
        if (ordered.size() > NAMED) sb.append(" and ").append(ordered.size() - NAMED).append(" more");
        return sb.toString();
    }
}
