package lichen.kernel.fs.proc;

import lichen.kernel.mm.UserAddressSpace;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.Vma;
import lichen.libkernel.mm.VmaSet;

/**
 * A process's memory in the terms /proc/PID/statm, stat and status use, in
 * pages, counted from its areas and the pages present in them now (Linux
 * keeps running counters in mm_struct; the sums are the same):
 * the size of every area (total_vm), the resident pages split into those of
 * files and anonymous ones, the program's own code (text), the data areas
 * (data_vm: private, writable, not the stack) and the stack (stack_vm).
 * Nothing is paged out, so the peak figures Linux keeps are not tracked.
 */
final class ProcessMemory {
    long sizePages, residentPages, filePages, anonPages, textPages, libraryPages, dataPages, stackPages;

    /** Counts {@code mm}'s areas; {@code exePath} names the program, whose executable areas are its text. */
    static ProcessMemory of(UserAddressSpace mm, String exePath) {
        ProcessMemory m = new ProcessMemory();
        m.add(mm, exePath);
        return m;
    }

    /** Adds {@code mm}'s areas to the counts (a sum over processes needs one record, not one each). */
    void add(UserAddressSpace mm, String exePath) {
        if (mm == null) return;
        VmaSet areas = mm.areas();
        for (int i = 0; i < areas.count(); i++) {
            Vma v = areas.get(i);
            long pages = v.length() / VmaSet.PAGE;
            long present = mm.residentPages(v);
            sizePages += pages;
            residentPages += present;
            if (v.isAnonymous() || !v.isShared() && (v.prot() & Prot.WRITE) != 0) anonPages += present;
            else filePages += present;
            boolean stack = (v.flags() & Vma.GROWSDOWN) != 0;
            if (stack) stackPages += pages;
            else if (!v.isShared() && (v.prot() & Prot.WRITE) != 0) dataPages += pages;
            if ((v.prot() & Prot.EXEC) != 0 && !v.isAnonymous()) {
                if (exePath.equals(v.name())) textPages += pages;
                else libraryPages += pages;
            }
        }
    }
}
