/* Benchmark: the C twin of HashInts.java. */
#include "bench.h"

#define CAPACITY (1 << 21)
static int keys[CAPACITY];
static int counts[CAPACITY];
static unsigned char used[CAPACITY];

int main(void) {
    int mask = CAPACITY - 1;
    int distinct = 0;
    int x = 12345;
    for (int i = 0; i < 4000000; i++) {
        x ^= x << 13;
        x ^= (int) ((uint32) x >> 17);
        x ^= x << 5;
        int key = x & 0xFFFFF;
        int h = (int) ((uint32) (key * (int) 0x9E3779B9) >> 11) & mask;
        while (used[h] && keys[h] != key) h = (h + 1) & mask;
        if (!used[h]) {
            used[h] = 1;
            keys[h] = key;
            distinct++;
        }
        counts[h]++;
    }
    int64 found = 0, checksum = 0;
    for (int key = 0; key < 1 << 20; key += 3) {
        int h = (int) ((uint32) (key * (int) 0x9E3779B9) >> 11) & mask;
        while (used[h] && keys[h] != key) h = (h + 1) & mask;
        if (used[h]) {
            found++;
            checksum = checksum * 31 + counts[h] * (int64) key;
        }
    }
    put_str("distinct "); put_long(distinct); put_str(" found "); put_long(found);
    put_str(" checksum "); put_long(checksum); put_str("\n");
    return 0;
}
