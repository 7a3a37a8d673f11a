package lichen.libkernel.elf;

import lichen.libkernel.LittleEndian;

/**
 * An AArch64 ELF64 executable or shared object as execve(2) sees it: the
 * header and program headers (System V ABI, "ELF-64 Object File Format" and
 * the AArch64 ELF ABI), checked the way Linux's fs/binfmt_elf.c checks them
 * before mapping anything. Section headers are not needed to run a program
 * and are not read.
 */
public final class ElfFile {
    public static final int ET_EXEC = 2, ET_DYN = 3;
    public static final int EM_AARCH64 = 183;
    public static final int PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_PHDR = 6, PT_TLS = 7;
    public static final int PT_GNU_STACK = 0x6474e551, PT_GNU_RELRO = 0x6474e552;
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;
    public static final int EHDR_SIZE = 64, PHDR_SIZE = 56;
    /** Linux caps the program header table at 64 KiB (binfmt_elf.c, elf_read_phdrs). */
    public static final int MAX_PHNUM = 65536 / PHDR_SIZE;
    /** PATH_MAX, the longest interpreter path Linux accepts. */
    public static final int MAX_INTERP = 4096;
    private static final long PAGE = 4096;
    private static final long USER_END = 1L << 48;

    /** The file's first bytes (all of it, or enough for the headers); {@link #fileSize} is the whole file's length. */
    private final byte[] file;
    private final long fileSize;
    private final int type;
    private final long entry;
    private final long phoff;
    private final int phnum;
    private final int[] pType, pFlags;
    private final long[] pOffset, pVaddr, pFilesz, pMemsz, pAlign;
    private String interpreter;
    private int dynamic = -1;
    private int phdrSegment = -1;
    private boolean execStack;

    private ElfFile(byte[] file, long fileSize, int type, long entry, long phoff, int phnum) {
        this.file = file;
        this.fileSize = fileSize;
        this.type = type;
        this.entry = entry;
        this.phoff = phoff;
        this.phnum = phnum;
        pType = new int[phnum];
        pFlags = new int[phnum];
        pOffset = new long[phnum];
        pVaddr = new long[phnum];
        pFilesz = new long[phnum];
        pMemsz = new long[phnum];
        pAlign = new long[phnum];
    }

    /** Checks and reads a file's bytes. */
    public static ElfResult parse(byte[] f) { return parse(f, f == null ? 0 : f.length); }

    /**
     * Checks a file of {@code fileSize} bytes from its first bytes {@code f}
     * (execve reads only the start of a program): the headers and the
     * PT_INTERP path must lie in them, segments only in the file.
     */
    public static ElfResult parse(byte[] f, long fileSize) {
        if (f == null || f.length < EHDR_SIZE || fileSize < EHDR_SIZE) return ElfResult.fail("file shorter than the 64-byte ELF header");
        if (f[0] != 0x7f || f[1] != 'E' || f[2] != 'L' || f[3] != 'F') return ElfResult.fail("not an ELF file (bad magic)");
        // The identification bytes after the magic (class, data, version, OS ABI) are not checked, as
        // binfmt_elf does not check them: arm64's elf_check_arch looks at e_machine alone.
        int type = LittleEndian.u16(f, 16);
        int machine = LittleEndian.u16(f, 18);
        if (type != ET_EXEC && type != ET_DYN) return ElfResult.fail("e_type " + type + " is neither ET_EXEC nor ET_DYN");
        if (machine != EM_AARCH64) return ElfResult.fail("e_machine " + machine + " is not EM_AARCH64");
        long entry = LittleEndian.u64(f, 24);
        long phoff = LittleEndian.u64(f, 32);
        int phentsize = LittleEndian.u16(f, 54);
        int phnum = LittleEndian.u16(f, 56);
        if (phentsize != PHDR_SIZE) return ElfResult.fail("e_phentsize " + phentsize + " is not " + PHDR_SIZE);
        if (phnum < 1 || phnum > MAX_PHNUM) return ElfResult.fail("e_phnum " + phnum + " outside 1.." + MAX_PHNUM);
        if (phoff < 0 || phoff > f.length || (long) phnum * PHDR_SIZE > f.length - phoff)
            return ElfResult.fail("program headers run past the end of the file");
        ElfFile e = new ElfFile(f, fileSize, type, entry, phoff, phnum);
        String err = e.readProgramHeaders();
        return err == null ? ElfResult.ok(e) : ElfResult.fail(err);
    }

    private String readProgramHeaders() {
        int loads = 0;
        long lastVaddr = 0;
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * PHDR_SIZE);
            pType[i] = LittleEndian.u32(file, at);
            pFlags[i] = LittleEndian.u32(file, at + 4);
            pOffset[i] = LittleEndian.u64(file, at + 8);
            pVaddr[i] = LittleEndian.u64(file, at + 16);
            pFilesz[i] = LittleEndian.u64(file, at + 32);
            pMemsz[i] = LittleEndian.u64(file, at + 40);
            pAlign[i] = LittleEndian.u64(file, at + 48);
            boolean inFile = pOffset[i] >= 0 && pFilesz[i] >= 0 && pOffset[i] <= fileSize && pFilesz[i] <= fileSize - pOffset[i];
            boolean inHead = inFile && pOffset[i] + pFilesz[i] <= file.length;
            switch (pType[i]) {
                case PT_LOAD -> {
                    if (!inFile) return "PT_LOAD " + i + " lies outside the file";
                    if (Long.compareUnsigned(pFilesz[i], pMemsz[i]) > 0) return "PT_LOAD " + i + " has p_filesz > p_memsz";
                    if (Long.compareUnsigned(pVaddr[i], USER_END) >= 0 || Long.compareUnsigned(pMemsz[i], USER_END - pVaddr[i]) > 0)
                        return "PT_LOAD " + i + " does not fit in user space";
                    if (((pVaddr[i] - pOffset[i]) & (PAGE - 1)) != 0) return "PT_LOAD " + i + " has p_vaddr and p_offset differing modulo the page size";
                    if (pAlign[i] != 0 && (Long.bitCount(pAlign[i]) != 1 || ((pVaddr[i] - pOffset[i]) & (pAlign[i] - 1)) != 0))
                        return "PT_LOAD " + i + " has a bad p_align";
                    if (loads > 0 && Long.compareUnsigned(pVaddr[i], lastVaddr) < 0) return "PT_LOAD segments not sorted by p_vaddr";
                    lastVaddr = pVaddr[i];
                    loads++;
                }
                case PT_INTERP -> {
                    if (interpreter != null) return "more than one PT_INTERP";
                    if (!inFile || pFilesz[i] < 2 || pFilesz[i] > MAX_INTERP) return "PT_INTERP size or offset out of range";
                    if (!inHead) return "PT_INTERP lies past the first " + file.length + " bytes";
                    int off = (int) pOffset[i], len = (int) pFilesz[i];
                    if (file[off + len - 1] != 0) return "PT_INTERP path not NUL-terminated";
                    char[] c = new char[len - 1];
                    for (int k = 0; k < len - 1; k++) {
                        if (file[off + k] == 0) return "PT_INTERP path has an embedded NUL";
                        c[k] = (char) (file[off + k] & 0xff);
                    }
                    interpreter = new String(c);
                }
                case PT_DYNAMIC -> {
                    if (!inFile || pFilesz[i] % 16 != 0) return "PT_DYNAMIC outside the file or not a whole number of entries";
                    if (inHead) dynamic = i;
                }
                case PT_PHDR -> phdrSegment = i;
                case PT_GNU_STACK -> execStack = (pFlags[i] & PF_X) != 0;
                default -> { }
            }
        }
        if (loads == 0) return "no PT_LOAD segment";
        if (type == ET_EXEC && !inLoad(entry)) return "entry point 0x" + Long.toHexString(entry) + " is not in an executable segment";
        if (type == ET_DYN && entry != 0 && !inLoad(entry)) return "entry point 0x" + Long.toHexString(entry) + " is not in an executable segment";
        return null;
    }

    private boolean inLoad(long addr) {
        for (int i = 0; i < phnum; i++) {
            if (pType[i] == PT_LOAD && (pFlags[i] & PF_X) != 0 && Long.compareUnsigned(addr - pVaddr[i], pMemsz[i]) < 0) return true;
        }
        return false;
    }

    public int type() { return type; }

    public boolean isPositionIndependent() { return type == ET_DYN; }

    public long entry() { return entry; }

    public int programHeaderCount() { return phnum; }

    public long programHeaderOffset() { return phoff; }

    public int segmentType(int i) { return pType[i]; }

    public int segmentFlags(int i) { return pFlags[i]; }

    public long segmentOffset(int i) { return pOffset[i]; }

    public long segmentVaddr(int i) { return pVaddr[i]; }

    public long segmentFileSize(int i) { return pFilesz[i]; }

    public long segmentMemSize(int i) { return pMemsz[i]; }

    public long segmentAlign(int i) { return pAlign[i]; }

    /** The PT_INTERP path ("/lib/ld-linux-aarch64.so.1"), or null for a static executable. */
    public String interpreter() { return interpreter; }

    /** Whether PT_GNU_STACK asks for an executable stack (absent means not, on AArch64). */
    public boolean wantsExecutableStack() { return execStack; }

    /** The index of PT_DYNAMIC, or -1 (also when it lies past the bytes parsed). */
    public int dynamicSegment() { return dynamic; }

    /**
     * The value of the first dynamic entry with {@code tag} (DT_FLAGS_1 is
     * 0x6ffffffb), or -1 when absent. Stops at DT_NULL or the segment end.
     */
    public long dynamicValue(long tag) {
        if (dynamic < 0) return -1;
        int off = (int) pOffset[dynamic];
        int end = off + (int) pFilesz[dynamic];
        for (; off + 16 <= end; off += 16) {
            long t = LittleEndian.u64(file, off);
            if (t == 0) return -1;
            if (t == tag) return LittleEndian.u64(file, off + 8);
        }
        return -1;
    }

    /** Lowest PT_LOAD address, page-aligned down. */
    public long loadStart() {
        for (int i = 0; i < phnum; i++) if (pType[i] == PT_LOAD) return pVaddr[i] & -PAGE;
        return 0;
    }

    /** One past the highest PT_LOAD byte, page-aligned up. */
    public long loadEnd() {
        long end = 0;
        for (int i = 0; i < phnum; i++) if (pType[i] == PT_LOAD) end = Math.max(end, (pVaddr[i] + pMemsz[i] + PAGE - 1) & -PAGE);
        return end;
    }

    /*
     * The program's code and data extents before relocation, as binfmt_elf's load_elf_binary
     * computes mm->start_code, end_code, start_data and end_data for /proc/PID/stat.
     */

    /** start_code: the lowest p_vaddr of an executable PT_LOAD (0 without one). */
    public long codeStart() {
        long start = -1;
        for (int i = 0; i < phnum; i++) {
            if (pType[i] == PT_LOAD && (pFlags[i] & PF_X) != 0 && Long.compareUnsigned(pVaddr[i], start) < 0) start = pVaddr[i];
        }
        return start == -1 ? 0 : start;
    }

    /** end_code: the highest p_vaddr + p_filesz of an executable PT_LOAD. */
    public long codeEnd() {
        long end = 0;
        for (int i = 0; i < phnum; i++) if (pType[i] == PT_LOAD && (pFlags[i] & PF_X) != 0) end = Math.max(end, pVaddr[i] + pFilesz[i]);
        return end;
    }

    /** start_data: the highest PT_LOAD p_vaddr (Linux's loop keeps the largest, whatever the flags). */
    public long dataStart() {
        long start = 0;
        for (int i = 0; i < phnum; i++) if (pType[i] == PT_LOAD) start = Math.max(start, pVaddr[i]);
        return start;
    }

    /** end_data: the highest p_vaddr + p_filesz of a PT_LOAD. */
    public long dataEnd() {
        long end = 0;
        for (int i = 0; i < phnum; i++) if (pType[i] == PT_LOAD) end = Math.max(end, pVaddr[i] + pFilesz[i]);
        return end;
    }

    /** The largest PT_LOAD p_align (at least a page): how to align an ET_DYN load bias. */
    public long maxAlign() {
        long a = PAGE;
        for (int i = 0; i < phnum; i++) if (pType[i] == PT_LOAD && pAlign[i] > a) a = pAlign[i];
        return a;
    }

    /**
     * Where the program headers are in memory before relocation, for AT_PHDR:
     * PT_PHDR's p_vaddr, else the PT_LOAD whose file range holds e_phoff
     * (binfmt_elf's phdr_addr). -1 when they are not loaded.
     */
    public long phdrVaddr() {
        if (phdrSegment >= 0) return pVaddr[phdrSegment];
        for (int i = 0; i < phnum; i++) {
            if (pType[i] == PT_LOAD && phoff >= pOffset[i] && phoff - pOffset[i] < pFilesz[i]) return pVaddr[i] + (phoff - pOffset[i]);
        }
        return -1;
    }
}
