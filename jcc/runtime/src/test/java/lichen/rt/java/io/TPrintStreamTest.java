package lichen.rt.java.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** TPrintStream's bytes against a JDK PrintStream encoding UTF-8, for the same print calls. */
class TPrintStreamTest {
    /** Captures what would go to the file descriptor. */
    static final class Captured extends TPrintStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;

        Captured(boolean flushEachPrint) {
            super(1, flushEachPrint);
        }

        @Override
        protected void writeBytes(byte[] buffer, int length) {
            writes++;
            bytes.write(buffer, 0, length);
        }
    }

    @Test
    void everyPrintMethodWritesWhatTheJdkWrites() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        PrintStream jdk = new PrintStream(expected, false, StandardCharsets.UTF_8);
        Captured ours = new Captured(false);
        SplittableRandom random = new SplittableRandom(41);
        String alphabet = "aZ \n\u00e9\u20ac\ud83d\ude00\ud83d\ude00\ud800\udc00\u07ff\u0800";
        for (int i = 0; i < 20_000; i++) {
            long n = random.nextLong() >> random.nextInt(64);
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(14)) {
                case 0 -> { jdk.print((int) n); ours.print((int) n); }
                case 1 -> { jdk.println(n); ours.println(n); }
                case 2 -> { jdk.print(c); ours.print(c); }
                case 3 -> { jdk.println(c); ours.println(c); }
                case 4 -> { jdk.print(n % 2 == 0); ours.print(n % 2 == 0); }
                case 5 -> { jdk.println(Double.longBitsToDouble(n)); ours.println(Double.longBitsToDouble(n)); }
                case 6 -> { jdk.print((float) n / 3); ours.print((float) n / 3); }
                case 7 -> { String s = "" + c + c + "x"; jdk.print(s); ours.print(s); }
                case 8 -> { jdk.print((String) null); ours.print((String) null); }
                case 9 -> { jdk.println((Object) null); ours.println((Object) null); }
                case 10 -> { char[] a = {c, 'q', c}; jdk.print(a); ours.print(a); }
                case 11 -> { jdk.println(); ours.println(); }
                case 12 -> { jdk.println((int) n); ours.println((int) n); }
                default -> { jdk.print(n); ours.print(n); }
            }
        }
        // A final non-surrogate char settles any pending high surrogate on both sides.
        jdk.print('.');
        ours.print('.');
        jdk.flush();
        ours.flush();
        byte[] e = expected.toByteArray();
        byte[] a = ours.bytes.toByteArray();
        int at = java.util.Arrays.mismatch(e, a);
        if (at >= 0) {
            int from = Math.max(0, at - 20);
            assertEquals(new String(e, from, Math.min(e.length - from, 40), StandardCharsets.UTF_8), new String(a, from, Math.min(a.length - from, 40), StandardCharsets.UTF_8), "first difference at " + at);
        }
        assertArrayEquals(e, a);
    }

    @Test
    void outputIsBufferedUntilFullOrFlushed() {
        Captured ours = new Captured(false);
        for (int i = 0; i < 1000; i++) {
            ours.print("0123456789");
        }
        assertEquals(1, ours.writes, "one full 8 KiB buffer written");
        ours.flush();
        assertEquals(2, ours.writes);
        assertEquals(10_000, ours.bytes.size());
    }

    @Test
    void anUnbufferedStreamWritesEachPrint() {
        Captured ours = new Captured(true);
        ours.print("a");
        ours.println(1);
        assertEquals(2, ours.writes);
        assertEquals("a1\n", ours.bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printingANullCharArrayThrowsLikeTheJdk() {
        assertThrows(NullPointerException.class, () -> new Captured(false).print((char[]) null));
    }
}
