package lichen.kernel.fs.proc;

/**
 * /proc/vmstat (Linux's "name value" lines, man 5 proc), the counters
 * vmstat(8) reads: page counts from SystemMemory, with the same
 * approximations as meminfo (every page active, no LRU lists); the event
 * counters (pages paged in and out, swap, faults) are 0: nothing counts
 * them yet.
 */
final class VmStat {
    private VmStat() {}

    static void render(StringBuilder out) {
        SystemMemory m = SystemMemory.now();
        line(out, "nr_free_pages", m.freePages);
        line(out, "nr_inactive_anon", 0);
        line(out, "nr_active_anon", m.anonPages);
        line(out, "nr_inactive_file", 0);
        line(out, "nr_active_file", m.cachedPages);
        line(out, "nr_unevictable", 0);
        line(out, "nr_mlock", 0);
        line(out, "nr_anon_pages", m.anonPages);
        line(out, "nr_mapped", m.mappedPages);
        line(out, "nr_file_pages", m.cachedPages + m.bufferPages);
        line(out, "nr_dirty", 0);
        line(out, "nr_writeback", 0);
        line(out, "nr_shmem", 0);
        line(out, "nr_kernel_stack", m.tasks * SystemMemory.KERNEL_STACK_KB); // in KiB, as Linux counts it
        line(out, "nr_page_table_pages", 0);
        line(out, "nr_swapcached", 0);
        line(out, "pgpgin", 0);
        line(out, "pgpgout", 0);
        line(out, "pswpin", 0);
        line(out, "pswpout", 0);
        line(out, "pgfault", 0);
        line(out, "pgmajfault", 0);
    }

    private static void line(StringBuilder out, String name, long value) { out.append(name).append(' ').append(value).append('\n'); }
}
