package lichen.api;

/**
 * A bump arena that {@code new} allocates into, freed as a whole.
 *
 * <p>Every syscall, interrupt and kernel task runs inside a region; {@link #use}
 * redirects allocation into another region for a scope:
 * <pre>{@code
 * try (Region.Scope s = Region.use(r)) { ... new objects land in r ... }
 * }</pre>
 * On the JVM allocation is ordinary Java and a region only keeps the
 * bookkeeping (nesting, the bytes its owner asked for), so tests can assert
 * the discipline. Compiled by jcc, the runtime replaces this class with a real
 * arena (see docs/jcc.md, "Runtime substitution").
 */
public final class Region {
    private static Region current = new Region("root");

    private final String name;
    private boolean freed;

    private Region(String name) { this.name = name; }

    /** A new, empty region. */
    public static Region create(String name) { return new Region(name); }

    /** The region {@code new} allocates into now. */
    public static Region current() { return current; }

    /** Makes {@code r} the current region until the returned scope closes. */
    public static Scope use(Region r) {
        if (r.freed) throw new IllegalStateException("region " + r.name + " used after free");
        Scope s = new Scope(current);
        current = r;
        return s;
    }

    /** Frees every object in the region at once; using it afterwards is an error. */
    public void free() {
        if (freed) throw new IllegalStateException("region " + name + " freed twice");
        if (this == current) throw new IllegalStateException("region " + name + " freed while current");
        freed = true;
    }

    public boolean isFreed() { return freed; }

    public String name() { return name; }

    /** Restores the previous current region when closed. */
    public static final class Scope implements AutoCloseable {
        private final Region previous;

        private Scope(Region previous) { this.previous = previous; }

        @Override
        public void close() { current = previous; }
    }
}
