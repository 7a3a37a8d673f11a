/** Benchmark: an open-addressing hash table from int keys to int counts: 4 million increments, then lookups; prints a checksum. */
public class HashInts {
    public static void main(String[] args) {
        int capacity = 1 << 21;
        int mask = capacity - 1;
        int[] keys = new int[capacity];
        int[] counts = new int[capacity];
        boolean[] used = new boolean[capacity];
        int distinct = 0;
        int x = 12345;
        for (int i = 0; i < 4_000_000; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            int key = x & 0xFFFFF;
            int h = (key * 0x9E3779B9) >>> 11 & mask;
            while (used[h] && keys[h] != key) h = (h + 1) & mask;
            if (!used[h]) {
                used[h] = true;
                keys[h] = key;
                distinct++;
            }
            counts[h]++;
        }
        long found = 0, checksum = 0;
        for (int key = 0; key < 1 << 20; key += 3) {
            int h = (key * 0x9E3779B9) >>> 11 & mask;
            while (used[h] && keys[h] != key) h = (h + 1) & mask;
            if (used[h]) {
                found++;
                checksum = checksum * 31 + counts[h] * (long) key;
            }
        }
        System.out.println("distinct " + distinct + " found " + found + " checksum " + checksum);
    }
}
