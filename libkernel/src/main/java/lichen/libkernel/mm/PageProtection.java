package lichen.libkernel.mm;

/**
 * The {@link Prot} bits {@link PageTable#protect(long, long, PageProtection)} gives a mapped
 * page, chosen from the frame it maps and the bits it has now.
 */
public interface PageProtection {
    int protFor(long pa, int current);
}
