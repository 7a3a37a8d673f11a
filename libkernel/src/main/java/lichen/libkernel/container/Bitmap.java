package lichen.libkernel.container;

/**
 * A fixed-size set of bits in 64-bit words, as Linux's bitmap.h: test, set,
 * clear, the first set or clear bit from a position, and runs of clear bits
 * (for contiguous allocations). Bits beyond {@link #size} are never reported.
 */
public final class Bitmap {
    private final long[] words;
    private final int size;
    private int setCount;

    public Bitmap(int size) {
        if (size < 0) throw new IllegalArgumentException("negative bitmap size " + size);
        this.size = size;
        this.words = new long[(size + 63) >>> 6];
    }

    public int size() { return size; }

    /** Bits that are set. */
    public int cardinality() { return setCount; }

    private void checkIndex(int bit) {
        if (bit < 0 || bit >= size) throw new IndexOutOfBoundsException("bit " + bit + " outside bitmap of " + size);
    }

    public boolean get(int bit) {
        checkIndex(bit);
        return (words[bit >>> 6] & (1L << bit)) != 0;
    }

    /** Sets a bit; returns whether it was clear before (test_and_set's inverse). */
    public boolean set(int bit) {
        checkIndex(bit);
        long m = 1L << bit;
        long w = words[bit >>> 6];
        if ((w & m) != 0) return false;
        words[bit >>> 6] = w | m;
        setCount++;
        return true;
    }

    /** Clears a bit; returns whether it was set before. */
    public boolean clear(int bit) {
        checkIndex(bit);
        long m = 1L << bit;
        long w = words[bit >>> 6];
        if ((w & m) == 0) return false;
        words[bit >>> 6] = w & ~m;
        setCount--;
        return true;
    }

    /** Sets [from, from + count). */
    public void setRange(int from, int count) {
        for (int i = 0; i < count; i++) set(from + i);
    }

    /** Clears [from, from + count). */
    public void clearRange(int from, int count) {
        for (int i = 0; i < count; i++) clear(from + i);
    }

    /** The first set bit at or after {@code from}, or -1. */
    public int nextSet(int from) {
        if (from < 0) from = 0;
        if (from >= size) return -1;
        int wi = from >>> 6;
        long w = words[wi] & (-1L << from);
        while (true) {
            if (w != 0) {
                int bit = (wi << 6) + Long.numberOfTrailingZeros(w);
                return bit < size ? bit : -1;
            }
            if (++wi == words.length) return -1;
            w = words[wi];
        }
    }

    /** The first clear bit at or after {@code from}, or -1. */
    public int nextClear(int from) {
        if (from < 0) from = 0;
        if (from >= size) return -1;
        int wi = from >>> 6;
        long w = ~words[wi] & (-1L << from);
        while (true) {
            if (w != 0) {
                int bit = (wi << 6) + Long.numberOfTrailingZeros(w);
                return bit < size ? bit : -1;
            }
            if (++wi == words.length) return -1;
            w = ~words[wi];
        }
    }

    /** The first run of {@code count} clear bits starting at or after {@code from}, or -1. */
    public int findClearRun(int from, int count) {
        if (count <= 0) return count == 0 ? Math.max(0, Math.min(from, size)) : -1;
        int start = nextClear(from);
        while (start >= 0 && start <= size - count) {
            int nextSet = nextSet(start);
            if (nextSet < 0 || nextSet - start >= count) return start;
            start = nextClear(nextSet);
        }
        return -1;
    }
}
