package lichen.libkernel.mm;

/** The {@link Prot} bits {@link PageTable#protect(long, long, PageProtection)} gives a mapped page, chosen by the frame it maps. */
public interface PageProtection {
    int protFor(long pa);
}
