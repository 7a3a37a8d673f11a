/* Benchmark: the C twin of Sieve.java. */
#include "bench.h"

static unsigned char composite[20000001];

int main(void) {
    int n = 20000000;
    int64 checksum = 0;
    int count = 0;
    for (int round = 0; round < 3; round++) {
        memset(composite, 0, sizeof composite);
        for (int i = 2; (int64) i * i <= n; i++) {
            if (!composite[i]) for (int j = i * i; j <= n; j += i) composite[j] = 1;
        }
        count = 0;
        for (int i = 2; i <= n; i++) {
            if (!composite[i]) {
                count++;
                checksum = checksum * 31 + i;
            }
        }
    }
    put_str("primes "); put_long(count); put_str(" checksum "); put_long(checksum); put_str("\n");
    return 0;
}
