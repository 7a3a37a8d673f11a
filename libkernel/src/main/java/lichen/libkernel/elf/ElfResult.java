package lichen.libkernel.elf;

/** What {@link ElfFile#parse} gives: an executable, or the reason it was rejected (execve's ENOEXEC). */
public final class ElfResult {
    private final ElfFile elf;
    private final String error;

    private ElfResult(ElfFile elf, String error) {
        this.elf = elf;
        this.error = error;
    }

    static ElfResult ok(ElfFile e) { return new ElfResult(e, null); }

    static ElfResult fail(String error) { return new ElfResult(null, error); }

    public boolean isOk() { return elf != null; }

    public ElfFile elf() { return elf; }

    public String error() { return error; }
}
