package lichen.fs.procfs;

/** Produces the text of a /proc file when it is read (the kernel fills in its figures). */
public interface ProcContent {
    void render(StringBuilder out);
}
