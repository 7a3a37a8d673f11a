package lichen.rt.java.io;

import lichen.api.Syscall;
import lichen.api.Unsafe;
import lichen.rt.Intrinsics;
import lichen.rt.DecimalDigits;

/**
 * java.io.PrintStream in compiled code, as System.out and System.err use it:
 * chars are encoded to UTF-8 as the JDK's encoder does under a UTF-8 locale
 * (a surrogate pair split across two print calls still makes one 4-byte
 * sequence; a lone surrogate becomes '?'), into a buffer that goes to a file
 * descriptor with write(2). The buffer is flushed when full, by flush(),
 * after every print when {@code flushEachPrint} is set, and at exit.
 */
@Unsafe
public class TPrintStream {
    private static final long SYS_WRITE = 64;
    private static final long EINTR = -4;

    private final int fd;
    private final boolean flushEachPrint;
    private final byte[] buffer = new byte[8192];
    private final char[] digits = new char[20];
    private int used;
    private char pendingHigh;
    private boolean trouble;

    public TPrintStream(int fd, boolean flushEachPrint) {
        this.fd = fd;
        this.flushEachPrint = flushEachPrint;
    }

    /**
     * Writes {@code length} bytes, retrying short writes and EINTR; any other
     * error drops the rest and is remembered for checkError().
     */
    protected void writeBytes(byte[] bytes, int length) {
        long base = Intrinsics.arrayData(bytes);
        int done = 0;
        while (done < length) {
            long n = Syscall.invoke(SYS_WRITE, fd, base + done, length - done);
            if (n == EINTR) {
                continue;
            }
            if (n <= 0) {
                trouble = true;
                return;
            }
            done += (int) n;
        }
    }

    public void flush() {
        if (used > 0) {
            int n = used;
            used = 0;
            writeBytes(buffer, n);
        }
    }

    public void close() {
        flush();
    }

    public boolean checkError() {
        flush();
        return trouble;
    }

    private void put(int b) {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = (byte) b;
    }

    public void write(int b) {
        put(b);
        endPrint();
    }

    public void write(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            put(bytes[offset + i]);
        }
        endPrint();
    }

    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    /** One UTF-16 char to UTF-8 (RFC 3629), pairing surrogates across calls. */
    private void putChar(char c) {
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                put(0xF0 | (cp >>> 18));
                put(0x80 | ((cp >>> 12) & 0x3F));
                put(0x80 | ((cp >>> 6) & 0x3F));
                put(0x80 | (cp & 0x3F));
                return;
            }
            put('?');
        }
        if (c < 0x80) {
            put(c);
        } else if (c < 0x800) {
            put(0xC0 | (c >>> 6));
            put(0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            put('?');
        } else {
            put(0xE0 | (c >>> 12));
            put(0x80 | ((c >>> 6) & 0x3F));
            put(0x80 | (c & 0x3F));
        }
    }

    private void putString(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            putChar(s.charAt(i));
        }
    }

    private void endPrint() {
        if (flushEachPrint) {
            flush();
        }
    }

    private void putDigits(int count) {
        for (int i = 0; i < count; i++) {
            putChar(digits[i]);
        }
    }

    public void print(String s) {
        putString(s == null ? "null" : s);
        endPrint();
    }

    public void print(Object obj) {
        print(String.valueOf(obj));
    }

    public void print(char[] s) {
        for (char c : s) {
            putChar(c);
        }
        endPrint();
    }

    public void print(char c) {
        putChar(c);
        endPrint();
    }

    public void print(boolean b) {
        print(b ? "true" : "false");
    }

    public void print(int i) {
        putDigits(DecimalDigits.intChars(i, digits));
        endPrint();
    }

    public void print(long l) {
        putDigits(DecimalDigits.longChars(l, digits));
        endPrint();
    }

    public void print(float f) {
        print(Float.toString(f));
    }

    public void print(double d) {
        print(Double.toString(d));
    }

    public void println() {
        putChar('\n');
        endPrint();
    }

    public void println(String s) {
        putString(s == null ? "null" : s);
        println();
    }

    public void println(Object obj) {
        println(String.valueOf(obj));
    }

    public void println(char[] s) {
        for (char c : s) {
            putChar(c);
        }
        println();
    }

    public void println(char c) {
        putChar(c);
        println();
    }

    public void println(boolean b) {
        println(b ? "true" : "false");
    }

    public void println(int i) {
        putDigits(DecimalDigits.intChars(i, digits));
        println();
    }

    public void println(long l) {
        putDigits(DecimalDigits.longChars(l, digits));
        println();
    }

    public void println(float f) {
        println(Float.toString(f));
    }

    public void println(double d) {
        println(Double.toString(d));
    }

    public TPrintStream append(char c) {
        print(c);
        return this;
    }

    public TPrintStream append(CharSequence s) {
        print(String.valueOf(s));
        return this;
    }
}
