package lichen.fs.vfs;

/**
 * The name cache: (parent dentry, name) to child dentry, positive or negative.
 * A chained hash table; when it holds more than its limit it is emptied
 * (dentries in use stay valid, since callers hold them directly and
 * directories keep their alias), which bounds memory without LRU bookkeeping.
 */
public final class DentryCache {
    private Dentry[] table;
    private int count;
    private final int limit;
    private long hits, misses;

    public DentryCache(int limit) {
        this.limit = Math.max(16, limit);
        int cap = 64;
        while (cap < this.limit) cap <<= 1;
        table = new Dentry[cap];
    }

    private int bucket(Dentry parent, String name) {
        int h = (parent == null ? 0 : parent.hashCode()) * 31 + name.hashCode();
        h ^= h >>> 16;
        return h & (table.length - 1);
    }

    Dentry get(Dentry parent, String name) {
        for (Dentry d = table[bucket(parent, name)]; d != null; d = d.hashNext) {
            if (d.parent == parent && d.name.equals(name)) {
                hits++;
                return d;
            }
        }
        misses++;
        return null;
    }

    void put(Dentry d) {
        remove(d.parent, d.name);
        if (count >= limit) clear();
        int b = bucket(d.parent, d.name);
        d.hashNext = table[b];
        table[b] = d;
        count++;
    }

    void remove(Dentry parent, String name) {
        int b = bucket(parent, name);
        Dentry prev = null;
        for (Dentry d = table[b]; d != null; d = d.hashNext) {
            if (d.parent == parent && d.name.equals(name)) {
                if (prev == null) table[b] = d.hashNext; else prev.hashNext = d.hashNext;
                d.hashNext = null;
                count--;
                return;
            }
            prev = d;
        }
    }

    public void clear() {
        for (int i = 0; i < table.length; i++) table[i] = null;
        count = 0;
    }

    public int size() {
        return count;
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
