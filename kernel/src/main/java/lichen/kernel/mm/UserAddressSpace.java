package lichen.kernel.mm;

import lichen.api.Async;
import lichen.api.Cpu;
import lichen.api.Unsafe;
import lichen.arch.aarch64.BroadcastTlb;
import lichen.arch.aarch64.StackContinuations;
import lichen.arch.aarch64.UserPageFaults;
import lichen.libkernel.Errno;
import lichen.libkernel.container.IdAllocator;
import lichen.libkernel.mm.PageTable;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.Vma;
import lichen.libkernel.mm.VmaSet;

/**
 * One process's user half (Linux's mm_struct): a TTBR0 translation table
 * tagged with an ASID, the areas mmap(2) and execve(2) created, and the
 * program break. Pages are demand-filled: an area only reserves addresses, and
 * the first touch of a page (a fault from EL0, or a copy from a system call)
 * gives it a zeroed frame or the file's bytes; fork shares pages, copying a
 * private one on its first write ({@link UserPages}).
 *
 * <p>ASIDs (ARM ARM D8.13.1) are 8 bits wide here (TCR_EL1.AS = 0): 255 live
 * spaces at most, each one's stale TLB entries removed before its ASID is reused.
 */
@Unsafe
public final class UserAddressSpace implements UserPageFaults {
    public static final long PAGE = 4096;
    /** Lowest address mmap(2) hands out (vm.mmap_min_addr) and the top below which it places areas. */
    public static final long MMAP_MIN = 0x10000, MMAP_BASE = 0x0000_ffff_f000_0000L - (8L << 20) - (128L << 20);
    /** The initial stack: 8 MiB (RLIMIT_STACK's default) below this, filled on demand. */
    public static final long STACK_TOP = 0x0000_ffff_f000_0000L, STACK_SIZE = 8L << 20;
    /** How much below the argument strings the new stack area reaches at execve (setup_arg_pages' stack_expand). */
    public static final long STACK_EXPAND = 128L << 10;
    /** The free space a growing stack keeps above the area below it (Linux's stack_guard_gap, 256 pages). */
    static final long STACK_GUARD_GAP = 256 * PAGE;

    private static final IdAllocator asids = new IdAllocator(1, 256);
    /** Every live space by its ASID, so truncation can find the mappings of a file (Linux walks the file's i_mmap instead). */
    private static final UserAddressSpace[] live = new UserAddressSpace[256];

    private final PageTable table;
    private final int asid;
    /** TTBR0_EL1's value, made once: UserCopy compares it with the installed one on every copy. */
    private final long ttbr0;
    private final VmaSet areas;
    private long brkStart, brk;
    /** Where signal handlers return when the program gave no restorer (SigreturnPage). */
    private long sigreturnTrampoline;
    /** membarrier(2)'s registrations of this space (MEMBARRIER_CMD_REGISTER_* bits); a new program's space has none. */
    private int membarrierRegistrations;
    /**
     * Where execve put the program (Linux's mm_struct fields of the same names, which
     * /proc/PID/stat shows): its code and data, the initial stack pointer, and the argument
     * and environment strings.
     */
    private long startCode, endCode, startData, endData, startStack, argStart, argEnd, envStart, envEnd;
    /** How large the stack may grow (RLIMIT_STACK's soft limit, which setrlimit(2) updates). */
    private long stackLimit = STACK_SIZE;

    private UserAddressSpace(PageTable table, int asid, VmaSet areas) {
        this.table = table;
        this.asid = asid;
        this.ttbr0 = (long) asid << 48 | table.root().raw();
        this.areas = areas;
    }

    /** An empty space, or null when no ASID or no page is free. */
    public static UserAddressSpace create() { return create(new VmaSet(MMAP_MIN, MMAP_BASE)); }

    private static UserAddressSpace create(VmaSet areas) {
        int asid = asids.allocLowest();
        if (asid < 0) return null;
        PageTable t = PageTable.create(UserPages.frames(), BroadcastTlb.user(asid));
        if (t == null) {
            asids.free(asid);
            return null;
        }
        UserAddressSpace space = new UserAddressSpace(t, asid, areas);
        live[asid] = space;
        return space;
    }

    /** TTBR0_EL1's value for this space: ASID in bits 63:48, the table's address below. */
    public long ttbr0() { return ttbr0; }

    public VmaSet areas() { return areas; }

    public long brkStart() { return brkStart; }

    /** Pages present now (the resident set /proc shows). */
    public long residentPages() {
        long n = 0;
        for (int i = 0; i < areas.count(); i++) n += residentPages(areas.get(i));
        return n;
    }

    /** Pages of the area {@code v} present now. */
    public long residentPages(Vma v) {
        long n = 0;
        for (long va = table.nextMapped(v.start(), v.end()); va < v.end(); va = table.nextMapped(va + PAGE, v.end())) n++;
        return n;
    }

    public long sigreturnTrampoline() { return sigreturnTrampoline; }

    /** execve: the program's code and data, relocated (binfmt_elf's start_code, end_code, start_data, end_data). */
    public void setProgramExtents(long codeStart, long codeEnd, long dataStart, long dataEnd) {
        startCode = codeStart;
        endCode = codeEnd;
        startData = dataStart;
        endData = dataEnd;
    }

    /** execve: the initial stack pointer (at argc) and the argument and environment strings' ranges. */
    public void setInitialStack(long sp, long argsFrom, long argsTo, long envFrom, long envTo) {
        startStack = sp;
        argStart = argsFrom;
        argEnd = argsTo;
        envStart = envFrom;
        envEnd = envTo;
    }

    /** RLIMIT_STACK's soft limit: how far a fault below the stack may grow it. */
    public void setStackLimit(long bytes) { stackLimit = bytes; }

    public long startCode() { return startCode; }

    public long endCode() { return endCode; }

    public long startData() { return startData; }

    public long endData() { return endData; }

    public long startStack() { return startStack; }

    public long argStart() { return argStart; }

    public long argEnd() { return argEnd; }

    public long envStart() { return envStart; }

    public long envEnd() { return envEnd; }

    public void setSigreturnTrampoline(long at) { sigreturnTrampoline = at; }

    public long brk() { return brk; }

    /** Where the heap begins, just above the program's highest segment (execve sets it). */
    public void setBrkStart(long at) {
        brkStart = (at + PAGE - 1) & -PAGE;
        brk = brkStart;
    }

    /** Moves the break as brk(2) asks: the new break, or the old one when the move is refused. */
    public long moveBrk(long to) {
        if (to < brkStart) return brk;
        long oldEnd = (brk + PAGE - 1) & -PAGE, newEnd = (to + PAGE - 1) & -PAGE;
        if (newEnd > oldEnd) {
            if (areas.intersects(oldEnd, newEnd)) return brk;
            if (areas.mapFixed(new Vma(oldEnd, newEnd, Prot.READ | Prot.WRITE, 0).named("[heap]")) < 0) return brk;
        } else if (newEnd < oldEnd) {
            unmap(newEnd, oldEnd - newEnd);
        }
        brk = to;
        return brk;
    }

    /** Adds an area at a fixed place, replacing (and freeing) what was there. 0 or -errno. */
    public int mapFixed(Vma v) {
        releasePages(v.start(), v.end());
        return areas.mapFixed(v);
    }

    /** munmap(2): the areas go and so do their pages. 0 or -errno. */
    public int unmap(long addr, long len) {
        long end = addr + ((len + PAGE - 1) & -PAGE);
        int rc = areas.unmap(addr, len);
        if (rc < 0) return rc;
        releasePages(addr, end);
        return 0;
    }

    /**
     * mremap(2)'s work on [old, old + oldLen), which must lie in one area:
     * shrink in place, grow in place when the addresses above are free, or
     * (with {@code mayMove}) move to a free range of {@code newLen}, the
     * present pages going with it. Returns the new address, -EFAULT for an
     * unmapped range, -ENOMEM when it cannot grow where it is.
     */
    public long remap(long old, long oldLen, long newLen, boolean mayMove) {
        Vma v = areas.find(old);
        if (v == null || old + oldLen > v.end()) return -Errno.EFAULT;
        if (newLen <= oldLen) {
            if (newLen < oldLen) unmap(old + newLen, oldLen - newLen);
            return old;
        }
        long growth = newLen - oldLen, pgoff = v.pgoff() + ((old - v.start()) >> 12);
        if (old + oldLen == v.end() && !areas.intersects(old + oldLen, old + newLen) && old + newLen <= VmaSet.USER_END) {
            int rc = areas.mapFixed(likeArea(v, old + oldLen, old + newLen, pgoff + (oldLen >> 12)));
            return rc < 0 ? rc : old;
        }
        if (!mayMove) return -Errno.ENOMEM;
        long to = areas.findGap(newLen);
        if (to < 0) return to;
        int rc = areas.mapFixed(likeArea(v, to, to + newLen, pgoff));
        if (rc < 0) return rc;
        for (long va = table.nextMapped(old, old + oldLen); va < old + oldLen; va = table.nextMapped(va + PAGE, old + oldLen)) {
            long pa = table.translate(va);
            int prot = table.protAt(va);
            table.unmap(va, PAGE);
            table.map(to + (va - old), pa, PAGE, prot, 0);
        }
        areas.unmap(old, oldLen); // the pages have moved: only the addresses go
        return to;
    }

    /** An area over [start, end) with {@code v}'s permissions, flags and file, from file page {@code pgoff}. */
    private static Vma likeArea(Vma v, long start, long end, long pgoff) {
        Vma n = new Vma(start, end, v.prot(), v.flags());
        if (!v.isAnonymous()) return n.withFile(v.file(), v.devMajor(), v.devMinor(), v.inode(), v.name(), pgoff);
        return v.name() == null ? n : n.named(v.name());
    }

    /** mprotect(2): the areas' permissions, then those of the pages already present. 0 or -errno. */
    public int protect(long addr, long len, int prot) {
        int rc = areas.protect(addr, len, prot);
        if (rc < 0 || len == 0) return rc;
        long end = addr + ((len + PAGE - 1) & -PAGE);
        for (Vma v = areas.findNext(addr); v != null && v.start() < end; v = areas.findNext(v.end()))
            UserPages.reprotect(table, Math.max(addr, v.start()), Math.min(end, v.end()), prot, v.isShared());
        return 0;
    }

    /** madvise(MADV_DONTNEED): the pages go, the areas stay; the next touch reads zeros or the file again. 0 or -ENOMEM for a range not all mapped. */
    public int dropPages(long addr, long len) {
        long end = addr + ((len + PAGE - 1) & -PAGE);
        for (long a = addr; a < end; ) {
            Vma v = areas.find(a);
            if (v == null) return -Errno.ENOMEM;
            a = v.end();
        }
        releasePages(addr, end);
        return 0;
    }

    // Lets go of the frames mapped in [start, end) and removes their translations.
    private void releasePages(long start, long end) { UserPages.release(table, start, end); }

    /**
     * Makes the page holding {@code addr} present for an access ({@code Prot.READ},
     * {@code WRITE} or {@code EXEC}) if its area allows it: the page fault's work.
     * Returns the physical address of the byte at {@code addr}, -EFAULT when no area allows the access,
     * -ENOMEM when no frame is free.
     */
    @Async
    public long fault(long addr, int access) {
        Vma v = areaAllowing(addr, access);
        if (v == null) return -Errno.EFAULT;
        long page = addr & -PAGE;
        int present = table.protAt(page);
        long pa;
        if (present < 0) {
            pa = UserPages.fill(table, page, v);
            if (pa < 0) return pa;
            // A zeroed frame is mapped as the area allows; a cached file frame read-only, so a write breaks the share below.
            present = v.file() instanceof PageSource ? table.protAt(page) : UserPages.pageProt(v.prot());
        } else {
            pa = table.translate(page);
        }
        // A private page that can be written is the area's own (Linux's anon_vma_prepare; Linux maps
        // its zero page on a read, so a read that got a writable zeroed frame here counts too).
        if (!v.isShared() && ((access | present) & Prot.WRITE) != 0) areas.notePrivatePage(v);
        if ((access & Prot.WRITE) != 0 && (present & Prot.WRITE) == 0) pa = UserPages.breakShare(table, page, v);
        return pa < 0 ? pa : pa | (addr & (PAGE - 1));
    }

    /**
     * The part of {@link #fault} that cannot sleep, for an unprivileged access that
     * faulted in usercopy.S (arch's UserMemory asks from the data abort, IRQs masked):
     * an absent page of an anonymous area the access is allowed in gets a zeroed frame,
     * and a write to a private page still shared after fork gets its own copy. A file
     * page is refused (reading it may sleep), so the copy stops and UserCopy's walk,
     * which is {@code @Async}, reads it.
     */
    @Override
    public boolean makePresentWithoutSleeping(long address, boolean write) {
        Vma v = areaAllowing(address, write ? Prot.WRITE : Prot.READ);
        if (v == null) return false;
        long page = address & -PAGE;
        int present = table.protAt(page);
        if (!v.isShared() && (write || (v.prot() & Prot.WRITE) != 0)) areas.notePrivatePage(v);
        if (present < 0) return !(v.file() instanceof PageSource) && UserPages.fillWithZeros(table, page, v) >= 0;
        if (write && (present & Prot.WRITE) == 0) return UserPages.breakShare(table, page, v) >= 0;
        return false;
    }

    /** The area holding {@code addr} (the stack grown down to it, if need be) if it allows {@code access}, else null. */
    private Vma areaAllowing(long addr, int access) {
        if (Long.compareUnsigned(addr, VmaSet.USER_END) >= 0) return null;
        Vma v = areas.find(addr);
        if (v == null) v = areas.growDown(addr, stackLimit, STACK_GUARD_GAP);
        return v == null || (allowed(v.prot()) & access) != access ? null : v;
    }

    /** What an area's protection lets through: AArch64 has no write-only page, so PROT_WRITE lets reads in too (as on Linux). */
    private static int allowed(int prot) { return (prot & Prot.WRITE) != 0 ? prot | Prot.READ : prot; }

    /**
     * The child's space for fork(2): the same areas sharing this space's
     * present pages (copied on the first write to a private one), or null when
     * memory ran out.
     */
    public int membarrierRegistrations() { return membarrierRegistrations; }

    public void addMembarrierRegistration(int command) { membarrierRegistrations |= command; }

    public UserAddressSpace fork() {
        UserAddressSpace c = create(areas.fork());
        if (c == null) return null;
        c.brkStart = brkStart;
        c.brk = brk;
        c.sigreturnTrampoline = sigreturnTrampoline;
        c.membarrierRegistrations = membarrierRegistrations; // fork copies the mm whole (kernel/fork.c dup_mm)
        c.setProgramExtents(startCode, endCode, startData, endData);
        c.setInitialStack(startStack, argStart, argEnd, envStart, envEnd);
        c.stackLimit = stackLimit;
        for (int i = 0; i < areas.count(); i++) {
            Vma v = areas.get(i);
            // A shared anonymous area has no file to meet at: its pages are made now, so both spaces map the same frames.
            if (v.isShared() && v.isAnonymous() && UserPages.fillAll(table, v) < 0) {
                c.destroy();
                return null;
            }
            if (UserPages.share(table, c.table, v) < 0) {
                c.destroy();
                return null;
            }
        }
        return c;
    }

    /** Frees every page, the table and the ASID; the space must not be installed on any CPU afterwards. */
    public void destroy() {
        StackContinuations.forgetTranslationTable(ttbr0());
        for (int i = 0; i < areas.count(); i++) releasePages(areas.get(i).start(), areas.get(i).end());
        areas.clear();
        table.destroy();
        Cpu.invalidateTlbAsid(asid);
        live[asid] = null;
        asids.free(asid);
    }

    /**
     * truncate(2)'s part: in every space, the pages of areas over {@code file} (a
     * {@link MappedFile#identity}) from file page {@code fromIndex} on are unmapped, private
     * copies too, so the next touch there faults past the end of the file (SIGBUS).
     */
    public static void unmapFilePages(Object file, long fromIndex) {
        for (UserAddressSpace space : live) {
            if (space == null) continue;
            for (int i = 0; i < space.areas.count(); i++) {
                Vma v = space.areas.get(i);
                if (!(v.file() instanceof FilePages pages) || pages.file().identity() != file) continue;
                long from = fromIndex <= v.pgoff() ? v.start() : v.start() + ((fromIndex - v.pgoff()) << 12);
                if (from >= v.start() && from < v.end()) space.releasePages(from, v.end());
            }
        }
    }
}
