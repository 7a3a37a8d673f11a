package lichen.libkernel.mm;

import java.util.ArrayList;
import java.util.List;

/** A {@link TlbMaintenance} that records each invalidation, in order, instead of making it. */
final class RecordingTlb implements TlbMaintenance {
    /** The addresses of the page invalidations. */
    final List<Long> pages = new ArrayList<>();
    int wholeFlushes;
    /** Calls of either kind, in order: an address, or -1 for a whole flush. */
    final List<Long> calls = new ArrayList<>();

    @Override
    public void invalidate(long va) {
        pages.add(va);
        calls.add(va);
    }

    @Override
    public void invalidateAll() {
        wholeFlushes++;
        calls.add(-1L);
    }

    void clear() {
        pages.clear();
        calls.clear();
        wholeFlushes = 0;
    }

    boolean isEmpty() { return calls.isEmpty(); }
}
