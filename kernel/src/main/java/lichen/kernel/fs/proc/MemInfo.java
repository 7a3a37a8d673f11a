package lichen.kernel.fs.proc;

/**
 * /proc/meminfo (man 5 proc) in Linux's order and layout, the name padded
 * so the figure ends in column 24, then " kB" (figures: SystemMemory). From the frame allocator:
 * MemTotal and MemFree; Buffers is the root disk's block cache, Cached the
 * page cache of files; AnonPages and Mapped are summed over the processes'
 * present pages (anonymous, and of files); KernelStack is 16 KiB a task.
 * Approximations, as Lichen keeps no LRU lists: MemAvailable is the free
 * memory plus the page cache (which can be dropped), every anonymous page
 * counts as Active(anon) and every cached one as Active(file), so the
 * Inactive lines are 0. There is no swap, no tmpfs accounting (Shmem), no
 * slab figure and no vmalloc area: those are 0.
 */
final class MemInfo {
    private MemInfo() {}

    static void render(StringBuilder out) {
        SystemMemory m = SystemMemory.now();
        long totalKb = m.totalPages * 4, freeKb = m.freePages * 4, buffersKb = m.bufferPages * 4, cachedKb = m.cachedPages * 4;
        long anonKb = m.anonPages * 4, mappedKb = m.mappedPages * 4, committedKb = m.committedPages * 4;
        int tasks = m.tasks;
        line(out, "MemTotal:", totalKb);
        line(out, "MemFree:", freeKb);
        line(out, "MemAvailable:", freeKb + cachedKb);
        line(out, "Buffers:", buffersKb);
        line(out, "Cached:", cachedKb);
        line(out, "SwapCached:", 0);
        line(out, "Active:", anonKb + cachedKb);
        line(out, "Inactive:", 0);
        line(out, "Active(anon):", anonKb);
        line(out, "Inactive(anon):", 0);
        line(out, "Active(file):", cachedKb);
        line(out, "Inactive(file):", 0);
        line(out, "Unevictable:", 0);
        line(out, "Mlocked:", 0);
        line(out, "SwapTotal:", 0);
        line(out, "SwapFree:", 0);
        line(out, "Dirty:", 0);
        line(out, "Writeback:", 0);
        line(out, "AnonPages:", anonKb);
        line(out, "Mapped:", mappedKb);
        line(out, "Shmem:", 0);
        line(out, "KReclaimable:", 0);
        line(out, "Slab:", 0);
        line(out, "SReclaimable:", 0);
        line(out, "SUnreclaim:", 0);
        line(out, "KernelStack:", tasks * SystemMemory.KERNEL_STACK_KB);
        line(out, "PageTables:", 0);
        line(out, "NFS_Unstable:", 0);
        line(out, "Bounce:", 0);
        line(out, "WritebackTmp:", 0);
        line(out, "CommitLimit:", totalKb / 2); // overcommit_ratio 50 of the memory, and no swap
        line(out, "Committed_AS:", committedKb);
        line(out, "VmallocTotal:", 0);
        line(out, "VmallocUsed:", 0);
        line(out, "VmallocChunk:", 0);
        line(out, "Percpu:", 0);
        count(out, "HugePages_Total:", 0);
        count(out, "HugePages_Free:", 0);
        count(out, "HugePages_Rsvd:", 0);
        count(out, "HugePages_Surp:", 0);
        line(out, "Hugepagesize:", 2048);
        line(out, "Hugetlb:", 0);
    }

    /** A meminfo line: the name padded so the figure, right-aligned, ends in column 24, then " kB". */
    private static void line(StringBuilder out, String name, long kb) {
        count(out, name, kb);
        out.setLength(out.length() - 1);
        out.append(" kB\n");
    }

    /** A line of a plain count (the HugePages_ ones): the figure ends in column 24. */
    private static void count(StringBuilder out, String name, long n) {
        out.append(name);
        String digits = Long.toString(n);
        for (int i = name.length() + digits.length(); i < 24; i++) out.append(' ');
        out.append(digits).append('\n');
    }
}
