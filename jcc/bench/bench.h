/*
 * The C side of jcc's benchmark: no libc exists for aarch64 here, so each C
 * program includes this file for _start, raw Linux system calls (write,
 * exit_group: arm64 numbers 64 and 94, arguments in x0-x2, number in x8,
 * "svc #0"; see syscall(2)), the memset/memcpy that clang may call, and
 * decimal/hex printing that matches Java's Long.toString and toHexString.
 * Built by jcc/bin/jcc-bench: clang --target=aarch64-linux-gnu -O2
 * -ffreestanding -nostdlib -static -fwrapv -ffp-contract=off -fno-math-errno,
 * linked with ld.lld.
 */
typedef unsigned long size_t;
typedef long int64;
typedef unsigned long uint64;
typedef unsigned int uint32;

static long syscall3(long number, long a, long b, long c) {
    register long x8 __asm__("x8") = number;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
}

void *memset(void *d, int c, size_t n) {
    unsigned char *p = d;
    while (n--) *p++ = (unsigned char) c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n) {
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--) *p++ = *q++;
    return d;
}

void *memmove(void *d, const void *s, size_t n) {
    unsigned char *p = d;
    const unsigned char *q = s;
    if (p < q) while (n--) *p++ = *q++;
    else while (n--) p[n] = q[n];
    return d;
}

static char out_buf[4096];
static int out_len;

static void flush_out(void) {
    int done = 0;
    while (done < out_len) {
        long n = syscall3(64, 1, (long) (out_buf + done), out_len - done);
        if (n <= 0) break;
        done += (int) n;
    }
    out_len = 0;
}

static void put_char(char c) {
    if (out_len == sizeof out_buf) flush_out();
    out_buf[out_len++] = c;
}

static void put_str(const char *s) {
    while (*s) put_char(*s++);
}

static void put_long(int64 v) {
    char tmp[24];
    int n = 0;
    uint64 u = v < 0 ? (uint64) 0 - (uint64) v : (uint64) v;
    do { tmp[n++] = (char) ('0' + u % 10); u /= 10; } while (u);
    if (v < 0) put_char('-');
    while (n) put_char(tmp[--n]);
}

/* Integer.toHexString: no leading zeros. */
static void put_hex(uint32 v) {
    char tmp[8];
    int n = 0;
    do { tmp[n++] = "0123456789abcdef"[v & 15]; v >>= 4; } while (v);
    while (n) put_char(tmp[--n]);
}

int main(void);

__attribute__((noreturn)) void _start(void) {
    int status = main();
    flush_out();
    syscall3(94, status, 0, 0);
    __builtin_unreachable();
}
