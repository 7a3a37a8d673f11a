package lichen.jcc.check;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import lichen.jcc.CompileError;
import lichen.jcc.desugar.EnumValueOf;
import lichen.jcc.world.World;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;

import java.nio.file.Path;
import java.util.*;

/**
 * The subset rules of docs/subset.md, checked on the bytecode of every class
 * of the program (not only what main reaches: {@code jcc check} is for whole
 * modules), with each violation placed in the source by {@link SourceFiles}.
 * Classes marked {@code @HostOnly} are skipped, and so are static
 * initialisers: they run on the JVM at build time.
 */
public final class SubsetChecker {
    private static final Set<String> BOXES = Set.of("java/lang/Integer", "java/lang/Long", "java/lang/Short", "java/lang/Byte",
            "java/lang/Character", "java/lang/Boolean", "java/lang/Float", "java/lang/Double");
    private static final String SYNCHRONIZED = "synchronized is outside the subset";
    private static final Set<String> UNBOXING = Set.of("intValue", "longValue", "shortValue", "byteValue", "charValue",
            "booleanValue", "floatValue", "doubleValue");
    /** The intrinsics of the jcc API that touch memory, devices, system registers or the kernel below. */
    private static final Set<String> UNSAFE_OWNERS = Set.of("lichen/api/Mmio", "lichen/api/Cpu", "lichen/api/Syscall",
            "lichen/api/Mem", "lichen/api/AtomicWord", "lichen/rt/Intrinsics");

    private final World world;
    private final SourceFiles sources;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Class-reference diagnostics on lines that do not name the class. */
    private final Set<Diagnostic> unnamed = new HashSet<>();
    /** Classes marked @Unsafe; their nested classes share the mark. */
    private final Set<String> unsafeClasses = new HashSet<>();

    private final EffectChecker effects;
    private final ClassReferences references;
    /** Checking for the kernel target: floating point needs @FloatingPoint (FloatingPointRule). */
    private final boolean kernel;

    private SubsetChecker(World world, SourceFiles sources, boolean kernel) {
        this.kernel = kernel;
        this.effects = new EffectChecker(world);
        this.references = new ClassReferences(world.classPath());
        this.world = world;
        this.sources = sources;
    }

    /** Checks every class of the program roots; throws with all diagnostics when any rule is broken. */
    public static void check(World world, List<Path> programRoots, List<Path> javaFiles, boolean kernel) {
        List<Diagnostic> found = diagnose(world, programRoots, javaFiles, kernel);
        if (found.isEmpty()) return;
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : found) sb.append(d.format()).append('\n');
        sb.append(found.size()).append(found.size() == 1 ? " error" : " errors");
        throw new CompileError("jcc: " + sb);
    }

    /** The violations, sorted by file and position. */
    public static List<Diagnostic> diagnose(World world, List<Path> programRoots, List<Path> javaFiles) {
        return diagnose(world, programRoots, javaFiles, false);
    }

    /** The violations for the kernel target ({@code kernel}) or for Linux programs. */
    public static List<Diagnostic> diagnose(World world, List<Path> programRoots, List<Path> javaFiles, boolean kernel) {
        SubsetChecker c = new SubsetChecker(world, new SourceFiles(programRoots, javaFiles), kernel);
        List<ClassNode> classes = ProgramClasses.read(programRoots);
        Set<String> hostOnly = new HashSet<>();
        for (ClassNode n : classes) {
            if (has(n.invisibleAnnotations, "Llichen/api/HostOnly;")) hostOnly.add(n.name);
            if (has(n.invisibleAnnotations, "Llichen/api/Unsafe;")) c.unsafeClasses.add(n.name);
        }
        for (ClassNode n : classes) {
            // A host-only class's nested and anonymous classes are host-only too; jcc's own lambda classes are not the program's.
            if (enclosedBy(n.name, hostOnly) || n.name.contains("$$Lambda$")) continue;
            c.checkClass(n);
        }
        // A class that a line's code uses without naming it (a parameter type of a method called there, a
        // varargs array javac made) is the line's second-hand error when the line has a first-hand one.
        c.diagnostics.removeIf(d -> c.unnamed.contains(d) && c.diagnostics.stream().anyMatch(o -> !c.unnamed.contains(o)
                && o.file().equals(d.file()) && o.line() == d.line()));
        Collections.sort(c.diagnostics);
        return c.diagnostics;
    }

    private void checkClass(ClassNode c) {
        if (c.name.endsWith("module-info") || c.name.endsWith("package-info") || ClassReferences.isAnnotation(c)) return;
        int dollar = c.name.indexOf('$');
        boolean unsafe = unsafeClasses.contains(c.name) || dollar > 0 && unsafeClasses.contains(c.name.substring(0, dollar));
        Path source = sources.find(c.name, c.sourceFile);
        references.checkDeclaration(c, referenceReporter(c, source));
        ClassReferences.Reporter placed = referenceReporter(c, source);
        WordRule.checkSignatures(c, new WordRule.SignatureReporter() {
            @Override
            public void report(String member, boolean isField, int firstLine, String word) {
                placed.inDeclaration(member, isField, firstLine, word, WordRule.TYPE_ARGUMENT);
            }

            @Override
            public void local(int line, String word) { SubsetChecker.this.report(c, source, line, word, WordRule.TYPE_ARGUMENT); }
        });
        Set<String> asyncLambdas = effects.asyncLambdas(c);
        for (MethodNode m : c.methods) {
            // Static initialisers run on the JVM at build time; javac's own methods (an enum's valueOf,
            // bridges, lambda bodies are not synthetic-only) are checked only where the user wrote them,
            // and jcc's (jcc$...) not at all.
            if (m.name.equals("<clinit>") || m.name.startsWith("jcc$") || (m.access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_MANDATED)) != 0 && !m.name.startsWith("lambda$")) {
                continue;
            }
            if ((c.access & Opcodes.ACC_ENUM) != 0 && m.name.equals("valueOf") && m.desc.equals("(Ljava/lang/String;)L" + c.name + ";")) {
                continue; // javac's Enum.valueOf(Class, String): reflection, reported only if a program calls it (reachability)
            }
            checkMethod(c, source, unsafe, m, asyncLambdas.contains(m.name + m.desc));
        }
    }

    private void checkMethod(ClassNode c, Path source, boolean unsafe, MethodNode m, boolean asyncLambda) {
        int first = firstLine(m);
        if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            CompilationUnit cu = unit(source);
            Position at = cu == null ? null : SourcePositions.synchronizedModifier(cu, m.name, first);
            if (at != null) add(c, source, at.line, at.column, SYNCHRONIZED);
            else report(c, source, lineBefore(source, first, "synchronized"), "synchronized", SYNCHRONIZED);
        }
        if (m.name.equals("finalize") && m.desc.equals("()V")) {
            atDeclaration(c, source, m, first, "finalizers are outside the subset (no collector runs them)");
        }
        ClassReferences.Reporter refs = referenceReporter(c, source);
        references.checkSignature(m, first, refs);
        references.checkLocals(m, refs);
        checkHandlers(c, source, m);
        effects.check(c, m, asyncLambda, (line, needle, message) -> report(c, source, line, needle, message));
        UserAddressRule.check(c, m, (line, needle, message) -> report(c, source, line, needle, message));
        WordRule.check(c, m, (line, needle, message) -> report(c, source, line, needle, message));
        if (kernel) {
            FloatingPointRule.check(c, m, new FloatingPointRule.Reporter() {
                @Override
                public void report(int line, String needle, String message) { SubsetChecker.this.report(c, source, line, needle, message); }

                @Override
                public void atDeclaration(String message) { SubsetChecker.this.atDeclaration(c, source, m, first, message); }
            });
        }
        ExpressionShape.Producers producers = new ExpressionShape.Producers(c.name, m);
        Map<String, Integer> conversionsOnLine = new HashMap<>();
        int line = first;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LineNumberNode ln) line = ln.line;
            if (EnumValueOf.isRewritable(insn)) continue; // Enum.valueOf(X.class, name): no reflection once desugared
            switch (insn) {
                case InsnNode i when i.getOpcode() == Opcodes.MONITORENTER -> report(c, source, line, "synchronized", SYNCHRONIZED);
                case MethodInsnNode call -> checkCall(c, source, unsafe, call, line, refs, producers, conversionsOnLine);
                case InvokeDynamicInsnNode indy -> checkMethodReferences(c, source, indy, line);
                case LdcInsnNode l when l.cst instanceof Type t && t.getSort() != Type.METHOD ->
                        report(c, source, line, ".class", "class literals are outside the subset (reflection)");
                default -> {}
            }
            references.checkInstruction(insn, line, refs);
        }
    }

    /** A diagnostic at a method's name in its declaration (JavaParser), or on the line before its code that names it. */
    private void atDeclaration(ClassNode c, Path source, MethodNode m, int first, String message) {
        CompilationUnit cu = unit(source);
        Position at = cu == null ? null : SourcePositions.methodName(cu, m.name, first);
        if (at != null) add(c, source, at.line, at.column, message);
        else report(c, source, lineBefore(source, first, m.name), m.name, message);
    }

    /** Places reference violations: on a code line at the class's name, in a declaration by JavaParser. */
    private ClassReferences.Reporter referenceReporter(ClassNode c, Path source) {
        return new ClassReferences.Reporter() {
            @Override
            public void atLine(int line, String name, String message) {
                // A use that does not name the class (a call on a parameter of that type) adds nothing to where it was named.
                String text = source == null ? null : sources.line(source, line);
                if (text != null && name != null && wordAt(text, name) < 0) {
                    if (reported(source, message)) return;
                    int before = diagnostics.size();
                    report(c, source, line, name, message);
                    if (diagnostics.size() > before) unnamed.add(diagnostics.getLast());
                    return;
                }
                report(c, source, line, name, message);
            }

            @Override
            public void inDeclaration(String member, boolean isField, int firstLine, String name, String message) {
                CompilationUnit cu = unit(source);
                Position at = cu == null ? null : SourcePositions.typeInDeclaration(cu, c.name, member, isField, firstLine, name);
                if (at != null) add(c, source, at.line, at.column, message);
                else if (firstLine > 0) report(c, source, lineBefore(source, firstLine, name), name, message);
                else report(c, source, firstLineNaming(source, name), name, message);
            }
        };
    }

    /**
     * A typed handler is a user's catch unless javac made it (try-with-resources, pattern matching):
     * JavaParser tells where the catch clauses are; without a tree, the line's text does; without a
     * source, every handler but javac's catch-all of Throwable counts.
     */
    private void checkHandlers(ClassNode c, Path source, MethodNode m) {
        String message = "catch is outside the subset: a throw is a panic; report errors by return value";
        for (TryCatchBlockNode h : m.tryCatchBlocks) {
            if (h.type == null) continue;
            int line = lineAfter(h.handler);
            CompilationUnit cu = unit(source);
            if (cu != null) {
                Position at = SourcePositions.catchClause(cu, line);
                if (at != null) add(c, source, at.line, at.column, message);
            } else if (source != null) {
                String text = sources.line(source, line);
                if (text != null && wordAt(text, "catch") >= 0) report(c, source, line, "catch", message);
            } else if (!h.type.equals("java/lang/Throwable")) {
                add(c, source, line, 0, message);
            }
        }
    }

    private void checkCall(ClassNode c, Path source, boolean unsafe, MethodInsnNode call, int line, ClassReferences.Reporter refs,
                           ExpressionShape.Producers producers, Map<String, Integer> conversionsOnLine) {
        if (call.owner.startsWith("[")) return; // clone and Object's methods on arrays
        String owner = call.owner;
        String simple = owner.substring(owner.lastIndexOf('/') + 1);
        Type[] args = Type.getArgumentTypes(call.desc);
        if (BOXES.contains(owner) && call.name.equals("valueOf") && args.length == 1 && args[0].getSort() < Type.ARRAY
                && call.getOpcode() == Opcodes.INVOKESTATIC) {
            conversion(c, source, line, producers.topBefore(call), conversionsOnLine, "boxing to " + simple + " is outside the subset (no boxed values)");
            return;
        }
        if (BOXES.contains(owner) && UNBOXING.contains(call.name) && call.getOpcode() == Opcodes.INVOKEVIRTUAL) {
            String article = "AEIOU".indexOf(simple.charAt(0)) >= 0 ? "an " : "a ";
            conversion(c, source, line, producers.topBefore(call), conversionsOnLine,
                    "unboxing " + article + simple + " is outside the subset (no boxed values)");
            return;
        }
        if ((call.name.equals("wait") || call.name.equals("notify") || call.name.equals("notifyAll"))
                && (call.desc.equals("()V") || call.desc.equals("(J)V") || call.desc.equals("(JI)V"))) {
            report(c, source, line, call.name, call.name + " is outside the subset (no monitors)");
            return;
        }
        if (EnumValueOf.isCall(call)) { // not rewritable (those are skipped): the class is not a literal
            report(c, source, line, "valueOf", "Enum.valueOf with a class that is not a literal is outside the subset (reflection);"
                    + " use X.valueOf(name) or Enum.valueOf(X.class, name)");
            return;
        }
        if (owner.startsWith("java/lang/reflect/") || owner.equals("java/lang/Class") || owner.startsWith("java/lang/invoke/")) {
            report(c, source, line, call.name, "reflection is outside the subset (" + owner.replace('/', '.') + "." + call.name + ")");
            return;
        }
        if (UNSAFE_OWNERS.contains(owner) && !unsafe) {
            report(c, source, line, simple, owner.replace('/', '.') + "." + call.name
                    + " is allowed only in @Unsafe classes (mark the class, and keep it small)");
            return;
        }
        String why = references.violation(owner);
        if (why != null) {
            refs.atLine(line, ClassReferences.simpleName(owner), why);
        } else if (ClassReferences.isJdk(owner)) {
            try {
                world.resolveMethod(owner, call.name, call.desc);
            } catch (CompileError e) {
                report(c, source, line, call.name, "method " + owner.replace('/', '.') + "." + call.name
                        + " is not provided by jcc's runtime (see docs/subset.md)");
            }
        }
    }

    /** A method reference ({@code String::format}) to a JDK method the runtime does not provide. */
    private void checkMethodReferences(ClassNode c, Path source, InvokeDynamicInsnNode indy, int line) {
        for (Object arg : indy.bsmArgs) {
            if (!(arg instanceof Handle h) || h.getTag() < Opcodes.H_INVOKEVIRTUAL || !ClassReferences.isJdk(h.getOwner())
                    || references.violation(h.getOwner()) != null) {
                continue;
            }
            try {
                world.resolveMethod(h.getOwner(), h.getName(), h.getDesc());
            } catch (CompileError e) {
                report(c, source, line, h.getName().equals("<init>") ? ClassReferences.simpleName(h.getOwner()) : h.getName(),
                        "method " + h.getOwner().replace('/', '.') + "." + h.getName() + " is not provided by jcc's runtime (see docs/subset.md)");
            }
        }
    }

    /** A boxing or unboxing, placed at the expression converted (the n-th of its shape on the line), else at the statement. */
    private void conversion(ClassNode c, Path source, int line, ExpressionShape shape, Map<String, Integer> seen, String message) {
        CompilationUnit cu = unit(source);
        int occurrence = seen.merge(line + " " + shape, 1, Integer::sum) - 1;
        Position at = cu == null ? null : SourcePositions.expression(cu, line, shape, occurrence);
        if (at != null) add(c, source, at.line, at.column, message);
        else report(c, source, line, null, message);
    }

    /** Adds a diagnostic at the first occurrence of {@code needle} on the line (else its first non-blank character). */
    private void report(ClassNode c, Path source, int line, String needle, String message) {
        String text = source == null ? null : sources.line(source, line);
        int column = 0;
        if (text != null) {
            int at = needle == null ? -1 : wordAt(text, needle);
            if (at < 0 && needle != null) {
                // javac gives a class literal or field access on a continuation line its statement's line.
                int last = SourcePositions.statementEnd(unit(source), line);
                for (int l = line + 1; l <= last; l++) {
                    String next = sources.line(source, l);
                    if (next != null && wordAt(next, needle) >= 0) {
                        add(c, source, l, wordAt(next, needle) + 1, message);
                        return;
                    }
                }
            }
            if (at < 0) at = firstNonBlank(text);
            column = at + 1;
        }
        add(c, source, line, column, message);
    }

    private void add(ClassNode c, Path source, int line, int column, String message) {
        String text = source == null || line <= 0 ? null : sources.line(source, line);
        String file = source != null ? display(source) : (c.name.contains("/") ? c.name.substring(0, c.name.lastIndexOf('/') + 1) : "")
                + (c.sourceFile == null ? c.name + ".class" : c.sourceFile);
        Diagnostic d = new Diagnostic(file, line, text == null ? 0 : Math.max(column, 1), message, text);
        if (!diagnostics.contains(d)) diagnostics.add(d);
    }

    /** The source parsed, when it is needed (most classes have nothing to place). */
    private CompilationUnit unit(Path source) { return source == null ? null : sources.unit(source); }

    private boolean reported(Path source, String message) {
        String file = display(source);
        for (Diagnostic d : diagnostics) if (d.file().equals(file) && d.message().equals(message)) return true;
        return false;
    }

    private static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** Where {@code word} first occurs in {@code text} not as part of a longer identifier; -1 if nowhere. */
    static int wordAt(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            boolean before = at > 0 && Character.isJavaIdentifierPart(word.charAt(0)) && Character.isJavaIdentifierPart(text.charAt(at - 1));
            int end = at + word.length();
            boolean after = end < text.length() && Character.isJavaIdentifierPart(word.charAt(word.length() - 1))
                    && Character.isJavaIdentifierPart(text.charAt(end));
            if (!before && !after) return at;
        }
        return -1;
    }

    /** The first line naming {@code word} outside the package and import lines and comments; 0 if none. */
    private int firstLineNaming(Path source, String word) {
        if (source == null) return 0;
        for (int n = 1; ; n++) {
            String text = sources.line(source, n);
            if (text == null) return 0;
            String t = text.strip();
            if (t.startsWith("import ") || t.startsWith("package ") || t.startsWith("//") || t.startsWith("*") || t.startsWith("/*")) continue;
            if (wordAt(text, word) >= 0) return n;
        }
    }

    private static int firstNonBlank(String s) {
        for (int i = 0; i < s.length(); i++) if (!Character.isWhitespace(s.charAt(i))) return i;
        return 0;
    }

    /** The line a method's modifiers are on: the nearest line at or above its first code line that holds {@code word}. */
    private int lineBefore(Path source, int first, String word) {
        if (source == null || first <= 0) return first;
        for (int l = first; l > 0 && l > first - 8; l--) {
            String text = sources.line(source, l);
            if (text != null && wordAt(text, word) >= 0) return l;
        }
        return first;
    }

    /** The first source line of a method's code (0 without a line table); the checks and the lowering share it. */
    public static int firstLine(MethodNode m) {
        for (AbstractInsnNode i : m.instructions) if (i instanceof LineNumberNode ln) return ln.line;
        return 0;
    }

    /**
     * The source line of the code at a label: a line number entry right at it, else the last one
     * before it (javac emits no entry when the handler is on the line the code before it was).
     */
    private static int lineAfter(LabelNode label) {
        for (AbstractInsnNode i = label; i != null && i.getOpcode() < 0; i = i.getNext()) {
            if (i instanceof LineNumberNode ln) return ln.line;
        }
        for (AbstractInsnNode i = label; i != null; i = i.getPrevious()) if (i instanceof LineNumberNode ln) return ln.line;
        return 0;
    }

    /** Whether a class or one of the classes it is nested in ({@code Outer$Inner$1}) is in the set. */
    private static boolean enclosedBy(String name, Set<String> marked) {
        for (int at = name.length(); at > 0; at = name.lastIndexOf('$', at - 1)) {
            if (marked.contains(name.substring(0, at))) return true;
        }
        return false;
    }

    /** Whether an annotation list (ASM's: null when empty) holds the annotation of type {@code desc}. */
    static boolean has(List<AnnotationNode> annotations, String desc) {
        if (annotations == null) return false;
        for (AnnotationNode a : annotations) if (a.desc.equals(desc)) return true;
        return false;
    }
}
