package lichen.fs;

/**
 * An open-addressing hash map from long keys to objects (inode caches, page
 * caches). Written here because compiled code has no java.util collections.
 */
public final class LongObjectMap<V> {
    private long[] keys;
    private Object[] values;
    private boolean[] used;
    private int size;

    public LongObjectMap() {
        this(16);
    }

    public LongObjectMap(int capacity) {
        int cap = 16;
        while (cap < capacity * 2) cap <<= 1;
        keys = new long[cap];
        values = new Object[cap];
        used = new boolean[cap];
    }

    public int size() {
        return size;
    }

    /** The hash of a long key, spread over the int (Fibonacci hashing): also PageIndex's. */
    public static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (used[i] && keys[i] != key) i = (i + 1) & mask;
        return i;
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        int i = slot(key);
        return used[i] ? (V) values[i] : null;
    }

    public boolean containsKey(long key) {
        return used[slot(key)];
    }

    public void put(long key, V value) {
        if ((size + 1) * 2 > keys.length) grow();
        int i = slot(key);
        if (!used[i]) {
            used[i] = true;
            keys[i] = key;
            size++;
        }
        values[i] = value;
    }

    /** Removes the key; returns its value or null. Backward-shift deletion keeps probe chains intact. */
    @SuppressWarnings("unchecked")
    public V remove(long key) {
        int mask = keys.length - 1;
        int i = slot(key);
        if (!used[i]) return null;
        V old = (V) values[i];
        used[i] = false;
        values[i] = null;
        size--;
        int j = (i + 1) & mask;
        while (used[j]) {
            int home = mix(keys[j]) & mask;
            boolean move = (j > i) ? (home <= i || home > j) : (home <= i && home > j);
            if (move) {
                keys[i] = keys[j];
                values[i] = values[j];
                used[i] = true;
                used[j] = false;
                values[j] = null;
                i = j;
            }
            j = (j + 1) & mask;
        }
        return old;
    }

    public void clear() {
        java.util.Arrays.fill(used, false);
        for (int i = 0; i < values.length; i++) values[i] = null;
        size = 0;
    }

    /** The keys now present, in table order. */
    public long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) if (used[i]) out[n++] = keys[i];
        return out;
    }

    private void grow() {
        long[] ok = keys;
        Object[] ov = values;
        boolean[] ou = used;
        keys = new long[ok.length * 2];
        values = new Object[ok.length * 2];
        used = new boolean[ok.length * 2];
        size = 0;
        for (int i = 0; i < ok.length; i++) if (ou[i]) put(ok[i], ov[i] == null ? null : castValue(ov[i]));
    }

    @SuppressWarnings("unchecked")
    private V castValue(Object o) {
        return (V) o;
    }
}
