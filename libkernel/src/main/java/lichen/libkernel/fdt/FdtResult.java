package lichen.libkernel.fdt;

/** What {@link Fdt#parse} gives: a tree, or the reason the blob was rejected. */
public final class FdtResult {
    private final Fdt fdt;
    private final String error;

    private FdtResult(Fdt fdt, String error) {
        this.fdt = fdt;
        this.error = error;
    }

    static FdtResult ok(Fdt fdt) { return new FdtResult(fdt, null); }

    static FdtResult fail(String error) { return new FdtResult(null, error); }

    public boolean isOk() { return fdt != null; }

    public Fdt fdt() { return fdt; }

    /** Why the blob was rejected, or null. */
    public String error() { return error; }
}
