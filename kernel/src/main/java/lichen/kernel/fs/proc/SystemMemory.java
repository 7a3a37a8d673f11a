package lichen.kernel.fs.proc;

import lichen.arch.aarch64.KernelAddressSpace;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.mm.BuddyAllocator;

/**
 * The machine's memory now, in pages, as /proc/meminfo and /proc/vmstat
 * show it: the frame allocator's total and free pages, the root disk's block
 * cache (Buffers), the page cache of files (Cached), and summed over the
 * processes' present pages the anonymous and the file-backed ones, with
 * their private writable areas (what Linux commits).
 */
final class SystemMemory {
    /** Each task's kernel stack: 16 KiB. */
    static final long KERNEL_STACK_KB = 16;

    long totalPages, freePages, bufferPages, cachedPages, anonPages, mappedPages, committedPages;
    int tasks;

    static SystemMemory now() {
        SystemMemory m = new SystemMemory();
        BuddyAllocator frames = KernelAddressSpace.get().frames();
        m.totalPages = frames.managedPageCount();
        m.freePages = frames.freePageCount();
        m.bufferPages = RootFilesystem.blockCachePages();
        m.cachedPages = RootFilesystem.fileCachePages();
        ProcessMemory all = new ProcessMemory();
        for (int pid = 1; pid < Processes.PID_MAX; pid++) {
            Process p = Processes.byPid(pid);
            if (p != null && p.leader() == p && p.mm() != null && !p.borrowsMm()) all.add(p.mm(), p.exePath());
        }
        m.anonPages = all.anonPages;
        m.mappedPages = all.filePages;
        m.committedPages = all.dataPages + all.stackPages;
        m.tasks = Processes.executor() == null ? 0 : Processes.executor().liveTasks();
        return m;
    }
}
