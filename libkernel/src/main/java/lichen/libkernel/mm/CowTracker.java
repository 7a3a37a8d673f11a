package lichen.libkernel.mm;

import lichen.libkernel.Errno;

/**
 * Copy-on-write accounting for anonymous pages (Linux's page mapcount and
 * do_wp_page): fork shares every private page read-only and counts one more
 * mapper; a write fault on a page with one mapper reuses it in place,
 * otherwise copies it and drops one count; unmapping drops one and the last
 * mapper frees the frame.
 */
public final class CowTracker {
    /** {@link #writeFault} outcomes. */
    public static final int REUSE = 0;
    public static final int COPY = 1;

    private final long basePfn;
    private final int[] mappers;
    private long copies;
    private long reuses;
    private long sharedPages;

    public CowTracker(long basePa, int frames) {
        this.basePfn = basePa >>> 12;
        this.mappers = new int[frames];
    }

    private int index(long pa) {
        long f = (pa >>> 12) - basePfn;
        return f < 0 || f >= mappers.length ? -1 : (int) f;
    }

    /** How many address spaces map the frame. */
    public int mapCount(long pa) {
        int i = index(pa);
        return i < 0 ? 0 : mappers[i];
    }

    /** A freshly faulted-in private page: one mapper. 0 or -EINVAL. */
    public int mapNew(long pa) {
        int i = index(pa);
        if (i < 0 || mappers[i] != 0) return -Errno.EINVAL;
        mappers[i] = 1;
        return 0;
    }

    /** fork: the child maps the same frame; both must now map it read-only. 0 or -EINVAL. */
    public int share(long pa) {
        int i = index(pa);
        if (i < 0 || mappers[i] == 0) return -Errno.EINVAL;
        if (mappers[i]++ == 1) sharedPages++;
        return 0;
    }

    /** A write to a read-only private page: {@link #REUSE} or {@link #COPY}, or -EINVAL for an unmapped frame. */
    public int writeFault(long pa) {
        int i = index(pa);
        if (i < 0 || mappers[i] == 0) return -Errno.EINVAL;
        if (mappers[i] == 1) {
            reuses++;
            return REUSE;
        }
        if (--mappers[i] == 1) sharedPages--;
        copies++;
        return COPY;
    }

    /** An address space stops mapping the frame; returns 1 when it was the last (free the frame), 0 otherwise, -EINVAL. */
    public int unmap(long pa) {
        int i = index(pa);
        if (i < 0 || mappers[i] == 0) return -Errno.EINVAL;
        if (--mappers[i] == 1) sharedPages--;
        return mappers[i] == 0 ? 1 : 0;
    }

    public long copies() { return copies; }

    public long reuses() { return reuses; }

    /** Frames mapped by more than one address space. */
    public long sharedPages() { return sharedPages; }
}
