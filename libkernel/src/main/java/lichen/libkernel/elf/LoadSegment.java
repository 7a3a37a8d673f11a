package lichen.libkernel.elf;

import lichen.libkernel.mm.Prot;

/**
 * How one PT_LOAD becomes mappings (binfmt_elf's elf_map and set_brk): the
 * file-backed pages [start, fileEnd) from page-aligned offset, the tail of
 * the last file page zeroed from zeroFrom, and anonymous zero pages
 * [fileEnd, end) for the rest of p_memsz (.bss).
 */
public final class LoadSegment {
    private static final long PAGE = 4096;

    public final long start;
    public final long fileOffset;
    public final long fileEnd;
    public final long zeroFrom;
    public final long end;
    public final int prot;

    private LoadSegment(long start, long fileOffset, long fileEnd, long zeroFrom, long end, int prot) {
        this.start = start;
        this.fileOffset = fileOffset;
        this.fileEnd = fileEnd;
        this.zeroFrom = zeroFrom;
        this.end = end;
        this.prot = prot;
    }

    /** The segments of {@code elf} loaded at {@code bias}, in file order. */
    public static LoadSegment[] plan(ElfFile elf, long bias) {
        int n = 0;
        for (int i = 0; i < elf.programHeaderCount(); i++) if (elf.segmentType(i) == ElfFile.PT_LOAD) n++;
        LoadSegment[] out = new LoadSegment[n];
        n = 0;
        for (int i = 0; i < elf.programHeaderCount(); i++) {
            if (elf.segmentType(i) != ElfFile.PT_LOAD) continue;
            long va = bias + elf.segmentVaddr(i);
            long start = va & -PAGE;
            long fileDataEnd = va + elf.segmentFileSize(i);
            long fileEnd = (fileDataEnd + PAGE - 1) & -PAGE;
            long end = (va + elf.segmentMemSize(i) + PAGE - 1) & -PAGE;
            if (elf.segmentFileSize(i) == 0) fileEnd = start;
            int f = elf.segmentFlags(i);
            int prot = Prot.USER | ((f & ElfFile.PF_R) != 0 ? Prot.READ : 0) | ((f & ElfFile.PF_W) != 0 ? Prot.WRITE : 0)
                    | ((f & ElfFile.PF_X) != 0 ? Prot.EXEC : 0);
            out[n++] = new LoadSegment(start, elf.segmentOffset(i) & -PAGE, fileEnd, fileDataEnd, Math.max(end, fileEnd), prot);
        }
        return out;
    }
}
