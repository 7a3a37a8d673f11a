package lichen.jcc.lower;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The text of one LLVM function as it is written: allocas for the JVM's
 * locals and stack slots at the top (mem2reg turns them into SSA), then the
 * blocks. Temporaries are numbered; labels are named for what they guard.
 */
public final class FunctionBuilder {
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder cold = new StringBuilder();
    private final Set<String> slots = new LinkedHashSet<>();
    private int temps;
    private int labels;
    private boolean terminated;
    /** The debug location suffix (", !dbg !N") of the source line being lowered, or "". */
    private String location = "";

    /** Attaches the instructions that follow to a source line. */
    public void at(String debugLocation) { location = debugLocation; }

    /** A fresh SSA name. */
    public String temp() { return "%t" + (temps++); }

    /** A fresh block label, named for its purpose. */
    public String label(String purpose) { return purpose + "." + (labels++); }

    /** Emits one instruction; returns nothing. */
    public void emit(String instruction) {
        if (terminated) return;
        body.append("  ").append(instruction).append(location).append('\n');
    }

    /** Emits an instruction that defines a value and returns its name. */
    public String def(String instruction) {
        String t = temp();
        emit(t + " = " + instruction);
        return t;
    }

    /** Emits a terminator (br, ret, unreachable, switch): nothing more goes in this block. */
    public void terminate(String instruction) {
        emit(instruction);
        terminated = true;
    }

    /** Starts a block, falling through into it from the current one if that is still open. */
    public void block(String label) {
        if (!terminated) body.append("  br label %").append(label).append('\n');
        body.append(label).append(":\n");
        terminated = false;
    }

    /** The alloca of a stack or local slot ("s3i", "l0a"), declared on first use. */
    public String slot(String name, String type) {
        slots.add("  %" + name + " = alloca " + type + "\n");
        return "%" + name;
    }

    /**
     * In a method that an exception can unwind into (jcc_longjmp back to its setjmp), the JVM's
     * locals and stack slots must live in memory, not registers: their accesses become volatile,
     * which also keeps mem2reg from promoting them.
     */
    boolean volatileSlots;

    private String access(String pointer) {
        return volatileSlots && pointer.length() > 2 && (pointer.startsWith("%l") || pointer.startsWith("%s"))
                && Character.isDigit(pointer.charAt(2)) ? " volatile " : " ";
    }

    public String load(String type, String pointer) { return def("load" + access(pointer) + type + ", ptr " + pointer); }

    public void store(String type, String value, String pointer) {
        emit("store" + access(pointer) + type + " " + value + ", ptr " + pointer);
    }

    /** A pointer {@code offset} bytes past {@code base}. */
    public String offset(String base, long offset) {
        if (offset == 0) return base;
        return def("getelementptr inbounds i8, ptr " + base + ", i64 " + offset);
    }

    /** Branches to {@code fail} (a cold block the caller fills) when {@code condition} holds, else continues. */
    public void guard(String condition, String fail, String purpose) {
        String ok = label(purpose + ".ok");
        terminate("br i1 " + condition + ", label %" + fail + ", label %" + ok + ", !prof !0");
        block(ok);
    }

    /** A block placed after the function's body: the failing side of a check, which never returns. */
    public void cold(String label, String call) {
        cold.append(label).append(":\n  ").append(call).append(" #1").append(location).append("\n  unreachable\n");
    }

    public String text(String header) {
        StringBuilder sb = new StringBuilder(header).append(" {\nentry:\n");
        for (String s : slots) sb.append(s);
        sb.append("  br label %start\nstart:\n").append(body);
        if (!terminated) sb.append("  unreachable\n");
        sb.append(cold);
        return sb.append("}\n").toString();
    }
}
