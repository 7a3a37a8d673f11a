package lichen.kernel.exec;

import lichen.fs.vfs.FileMode;
import lichen.kernel.mm.FilePages;
import lichen.kernel.mm.MappedFile;
import lichen.kernel.mm.UserAddressSpace;
import lichen.libkernel.Errno;
import lichen.libkernel.elf.ElfFile;
import lichen.libkernel.elf.LoadSegment;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.Vma;

/**
 * Maps an ELF file's PT_LOAD segments into a new address space (binfmt_elf's
 * elf_map): each segment's file pages as a private file mapping read on first
 * touch, the rest of p_memsz as anonymous zero pages. Nothing is read here;
 * the page faults read the file.
 */
final class ElfLoader {
    private ElfLoader() {}

    /** Reads a file's first bytes: at least the ELF header, program headers and PT_INTERP of any sane file. */
    static final int HEAD = 4096;

    /** The page-aligned end of the highest segment loaded at {@code bias}, or -errno. */
    static long map(UserAddressSpace mm, ElfFile elf, MappedFile file, long bias) {
        long end = 0;
        for (LoadSegment s : LoadSegment.plan(elf, bias)) {
            int prot = s.prot & (Prot.READ | Prot.WRITE | Prot.EXEC);
            if (s.fileEnd > s.start) {
                // zeroFrom - start is how many bytes of the first page's offset onward come from the file.
                FilePages pages = new FilePages(file, s.fileOffset + (s.zeroFrom - s.start));
                Vma v = new Vma(s.start, s.fileEnd, prot, 0).withFile(pages, FileMode.major(file.device()), FileMode.minor(file.device()),
                        file.inode(), file.path(), s.fileOffset >> 12);
                int rc = mm.mapFixed(v);
                if (rc < 0) return rc;
            }
            if (s.end > s.fileEnd) {
                int rc = mm.mapFixed(new Vma(s.fileEnd, s.end, prot, 0));
                if (rc < 0) return rc;
            }
            end = Math.max(end, s.end);
        }
        return end;
    }

    /**
     * Where an ET_DYN interpreter goes: a free range below the mmap base,
     * aligned to its largest p_align (as mmap places ld.so on Linux). Returns
     * the bias or -ENOMEM.
     */
    static long interpreterBias(UserAddressSpace mm, ElfFile interp) {
        if (!interp.isPositionIndependent()) return 0;
        long span = interp.loadEnd() - interp.loadStart();
        long align = interp.maxAlign();
        long gap = mm.areas().findGap(span + align);
        if (gap < 0) return -Errno.ENOMEM;
        return ((gap + align - 1) & -align) - interp.loadStart();
    }
}
