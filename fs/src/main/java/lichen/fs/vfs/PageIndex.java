package lichen.fs.vfs;

import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.fs.LongObjectMap;

/**
 * One file's cached pages by page index: an open-addressing hash table
 * from a page index to a word (the frame's address with flags in its low
 * bits, never 0), in long-lived arrays that {@link #free} gives back. A
 * hash rather than an array by index, so a page cached near the end of a
 * 5 GiB sparse file costs one slot, not a million.
 *
 * <p>Removal shifts the entries after the hole back (linear probing needs
 * no tombstones then), so a caller walking the slots that removes the entry
 * at slot {@code s} looks at slot {@code s} again rather than moving on.
 */
@Slab
final class PageIndex {
    private static final long EMPTY = -1;

    private long[] keys;
    private long[] values;
    private int size;

    PageIndex() { allocate(16); }

    private void allocate(int slots) {
        keys = Kmem.newLongs(slots);
        values = Kmem.newLongs(slots);
        for (int i = 0; i < slots; i++) keys[i] = EMPTY;
    }

    int size() { return size; }

    /** The number of slots, for walking them with {@link #keyAt}. */
    int slots() { return keys.length; }

    /** The page index held in slot {@code s}, or -1 for an empty slot. */
    long keyAt(int s) { return keys[s]; }

    long valueAt(int s) { return values[s]; }

    void setValueAt(int s, long value) { values[s] = value; }

    /** The slot holding {@code index}, or the empty slot where it would go. */
    private int slotOf(long index) {
        int mask = keys.length - 1;
        int s = LongObjectMap.mix(index) & mask;
        while (keys[s] != EMPTY && keys[s] != index) s = (s + 1) & mask;
        return s;
    }

    /** The word for page {@code index}, or 0 when it is not cached. */
    long get(long index) {
        int s = slotOf(index);
        return keys[s] == EMPTY ? 0 : values[s];
    }

    /** Sets the word of page {@code index} (non-zero), adding it if absent. */
    void put(long index, long value) {
        int s = slotOf(index);
        if (keys[s] == EMPTY) {
            if (2 * (size + 1) > keys.length) {
                grow();
                s = slotOf(index);
            }
            keys[s] = index;
            size++;
        }
        values[s] = value;
    }

    /** Removes the entry in slot {@code s}, moving later entries of its probe run back into the hole. */
    void removeAt(int s) {
        int mask = keys.length - 1;
        keys[s] = EMPTY;
        values[s] = 0;
        size--;
        int hole = s;
        for (int i = (s + 1) & mask; keys[i] != EMPTY; i = (i + 1) & mask) {
            int home = LongObjectMap.mix(keys[i]) & mask;
            // The entry at i may move to the hole unless its home lies cyclically in (hole, i].
            boolean homeAfterHole = hole <= i ? home > hole && home <= i : home > hole || home <= i;
            if (homeAfterHole) continue;
            keys[hole] = keys[i];
            values[hole] = values[i];
            keys[i] = EMPTY;
            values[i] = 0;
            hole = i;
        }
    }

    private void grow() {
        long[] oldKeys = keys, oldValues = values;
        allocate(oldKeys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != EMPTY) put(oldKeys[i], oldValues[i]);
        Kmem.free(oldKeys);
        Kmem.free(oldValues);
    }

    /** Gives the arrays back; the index must not be used afterwards. */
    void free() {
        Kmem.free(keys);
        Kmem.free(values);
        keys = null;
        values = null;
    }
}
