/** A hash table with open addressing (linear probing, tombstones, resizing) from String keys to int values. */
public class HashTable {
    static final class Table {
        private static final String TOMBSTONE = new String("<deleted>");
        private String[] keys = new String[8];
        private int[] values = new int[8];
        private int size;
        private int used;

        private int slot(String key) {
            int h = key.hashCode();
            h ^= h >>> 16;
            return h & (keys.length - 1);
        }

        void put(String key, int value) {
            if ((used + 1) * 4 >= keys.length * 3) resize(size * 4 >= keys.length ? keys.length * 2 : keys.length);
            int i = slot(key);
            int firstTomb = -1;
            while (keys[i] != null) {
                if (keys[i] == TOMBSTONE) {
                    if (firstTomb < 0) firstTomb = i;
                } else if (keys[i].equals(key)) {
                    values[i] = value;
                    return;
                }
                i = (i + 1) & (keys.length - 1);
            }
            if (firstTomb >= 0) i = firstTomb;
            else used++;
            keys[i] = key;
            values[i] = value;
            size++;
        }

        int get(String key, int missing) {
            int i = slot(key);
            while (keys[i] != null) {
                if (keys[i] != TOMBSTONE && keys[i].equals(key)) return values[i];
                i = (i + 1) & (keys.length - 1);
            }
            return missing;
        }

        boolean remove(String key) {
            int i = slot(key);
            while (keys[i] != null) {
                if (keys[i] != TOMBSTONE && keys[i].equals(key)) {
                    keys[i] = TOMBSTONE;
                    size--;
                    return true;
                }
                i = (i + 1) & (keys.length - 1);
            }
            return false;
        }

        private void resize(int capacity) {
            String[] oldKeys = keys;
            int[] oldValues = values;
            keys = new String[capacity];
            values = new int[capacity];
            size = 0;
            used = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null && oldKeys[i] != TOMBSTONE) put(oldKeys[i], oldValues[i]);
            }
        }

        int size() { return size; }

        int capacity() { return keys.length; }
    }

    public static void main(String[] args) {
        Table t = new Table();
        for (int i = 0; i < 2000; i++) t.put("key" + i, i * 3);
        System.out.println(t.size() + " " + t.capacity() + " " + t.get("key1234", -1) + " " + t.get("nokey", -1));
        int removed = 0;
        for (int i = 0; i < 2000; i += 3) if (t.remove("key" + i)) removed++;
        System.out.println(removed + " " + t.size() + " " + t.get("key3", -1) + " " + t.get("key4", -1));
        for (int i = 0; i < 2000; i += 6) t.put("key" + i, -i);
        long sum = 0;
        for (int i = 0; i < 2000; i++) sum += t.get("key" + i, 0);
        System.out.println(sum + " " + t.size() + " " + t.capacity());
        t.put("Aa", 1);
        t.put("BB", 2);
        System.out.println(t.get("Aa", 0) + " " + t.get("BB", 0) + " " + t.remove("Aa") + " " + t.get("BB", 0) + " " + t.remove("Aa"));
    }
}
