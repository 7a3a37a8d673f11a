package lichen.rt.java.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lichen.rt.Outcome;
import org.junit.jupiter.api.Test;

/** TInteger and TLong printing, parsing and bit twiddling against the JDK's Integer and Long. */
class TIntegerTest {
    private static final int[] EDGE_INTS = {0, 1, -1, 9, 10, -10, 99, 100, Integer.MAX_VALUE, Integer.MIN_VALUE,
        Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1, 1 << 16, 0xffff, 123456789, -987654321};
    private static final long[] EDGE_LONGS = {0, 1, -1, 10, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
        Long.MIN_VALUE + 1, 1L << 32, 0xffffffffL, 999999999999999999L, 1000000000000000000L, -1000000000000000000L};

    private static int[] ints() {
        SplittableRandom random = new SplittableRandom(3);
        int[] values = new int[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < EDGE_INTS.length ? EDGE_INTS[i] : random.nextInt() >> random.nextInt(32);
        }
        return values;
    }

    private static long[] longs() {
        SplittableRandom random = new SplittableRandom(4);
        long[] values = new long[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < EDGE_LONGS.length ? EDGE_LONGS[i] : random.nextLong() >> random.nextInt(64);
        }
        return values;
    }

    @Test
    void intPrintingMatchesTheJdk() {
        for (int v : ints()) {
            assertEquals(Integer.toString(v), TInteger.toString(v));
            assertEquals(Integer.toHexString(v), TInteger.toHexString(v));
            assertEquals(Integer.toOctalString(v), TInteger.toOctalString(v));
            assertEquals(Integer.toBinaryString(v), TInteger.toBinaryString(v));
            assertEquals(Integer.toUnsignedString(v), TInteger.toUnsignedString(v));
            assertEquals(String.valueOf(v), new TStringBuilder().append(v).toString());
            for (int radix = 0; radix <= 40; radix += 3) {
                assertEquals(Integer.toString(v, radix), TInteger.toString(v, radix), "radix " + radix);
                assertEquals(Integer.toUnsignedString(v, radix), TInteger.toUnsignedString(v, radix), "radix " + radix);
            }
        }
    }

    @Test
    void longPrintingMatchesTheJdk() {
        for (long v : longs()) {
            assertEquals(Long.toString(v), TLong.toString(v));
            assertEquals(Long.toHexString(v), TLong.toHexString(v));
            assertEquals(Long.toOctalString(v), TLong.toOctalString(v));
            assertEquals(Long.toBinaryString(v), TLong.toBinaryString(v));
            assertEquals(Long.toUnsignedString(v), TLong.toUnsignedString(v));
            assertEquals(String.valueOf(v), new TStringBuilder().append(v).toString());
            for (int radix = 0; radix <= 40; radix += 3) {
                assertEquals(Long.toString(v, radix), TLong.toString(v, radix), "radix " + radix);
                assertEquals(Long.toUnsignedString(v, radix), TLong.toUnsignedString(v, radix), "radix " + radix);
            }
        }
    }

    @Test
    void bitOperationsMatchTheJdk() {
        for (int v : ints()) {
            assertEquals(Integer.bitCount(v), TInteger.bitCount(v));
            assertEquals(Integer.numberOfLeadingZeros(v), TInteger.numberOfLeadingZeros(v));
            assertEquals(Integer.numberOfTrailingZeros(v), TInteger.numberOfTrailingZeros(v));
            assertEquals(Integer.highestOneBit(v), TInteger.highestOneBit(v));
            assertEquals(Integer.lowestOneBit(v), TInteger.lowestOneBit(v));
            assertEquals(Integer.reverse(v), TInteger.reverse(v));
            assertEquals(Integer.reverseBytes(v), TInteger.reverseBytes(v));
            assertEquals(Integer.signum(v), TInteger.signum(v));
            assertEquals(Integer.rotateLeft(v, v), TInteger.rotateLeft(v, v));
            assertEquals(Integer.rotateRight(v, v), TInteger.rotateRight(v, v));
            assertEquals(Integer.compareUnsigned(v, 12345), TInteger.compareUnsigned(v, 12345));
            if (v != 0) {
                assertEquals(Integer.divideUnsigned(-7, v), TInteger.divideUnsigned(-7, v));
                assertEquals(Integer.remainderUnsigned(-7, v), TInteger.remainderUnsigned(-7, v));
            }
            assertEquals(Short.reverseBytes((short) v), TShort.reverseBytes((short) v));
            assertEquals(Character.reverseBytes((char) v), TCharacter.reverseBytes((char) v));
        }
        for (long v : longs()) {
            assertEquals(Long.bitCount(v), TLong.bitCount(v));
            assertEquals(Long.numberOfLeadingZeros(v), TLong.numberOfLeadingZeros(v));
            assertEquals(Long.numberOfTrailingZeros(v), TLong.numberOfTrailingZeros(v));
            assertEquals(Long.highestOneBit(v), TLong.highestOneBit(v));
            assertEquals(Long.reverse(v), TLong.reverse(v));
            assertEquals(Long.reverseBytes(v), TLong.reverseBytes(v));
            assertEquals(Long.signum(v), TLong.signum(v));
            assertEquals(Long.rotateLeft(v, (int) v), TLong.rotateLeft(v, (int) v));
            assertEquals(Long.hashCode(v), TLong.hashCode(v));
            for (long d : new long[] {1, 3, 10, -1, -3, Long.MIN_VALUE, Long.MAX_VALUE, v | 1}) {
                assertEquals(Long.divideUnsigned(v, d), TLong.divideUnsigned(v, d), v + " / " + d);
                assertEquals(Long.remainderUnsigned(v, d), TLong.remainderUnsigned(v, d), v + " % " + d);
            }
        }
    }

    private static List<String> parseInputs() {
        List<String> inputs = new ArrayList<>(List.of("", "-", "+", "0", "-0", "+0", "00012", "2147483647",
            "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
            "18446744073709551616", "99999999999999999999", "12a", "a12", " 1", "1 ", "--1", "+-1", "ff", "FF",
            "7fffffff", "80000000", "ffffffff", "z", "Z", "zz", "\uff11\uff12", "1_000", "١٢"));
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 2_000; i++) {
            inputs.add(Long.toString(random.nextLong() >> random.nextInt(64), 2 + random.nextInt(35)));
        }
        return inputs;
    }

    @Test
    void parsingMatchesTheJdkIncludingErrors() {
        for (String s : parseInputs()) {
            for (int radix : new int[] {10, 16, 2, 8, 36, 1, 37}) {
                assertEquals(Outcome.of(() -> Integer.parseInt(s, radix)), Outcome.of(() -> TInteger.parseInt(s, radix)), s + " radix " + radix);
                assertEquals(Outcome.of(() -> Long.parseLong(s, radix)), Outcome.of(() -> TLong.parseLong(s, radix)), s + " radix " + radix);
                assertEquals(Outcome.of(() -> Integer.parseUnsignedInt(s, radix)), Outcome.of(() -> TInteger.parseUnsignedInt(s, radix)), s + " radix " + radix);
                assertEquals(Outcome.of(() -> Long.parseUnsignedLong(s, radix)), Outcome.of(() -> TLong.parseUnsignedLong(s, radix)), s + " radix " + radix);
                assertEquals(Outcome.of(() -> Short.parseShort(s, radix)), Outcome.of(() -> TShort.parseShort(s, radix)), s + " radix " + radix);
                assertEquals(Outcome.of(() -> Byte.parseByte(s, radix)), Outcome.of(() -> TByte.parseByte(s, radix)), s + " radix " + radix);
            }
            assertEquals(Outcome.of(() -> Integer.parseInt(s)), Outcome.of(() -> TInteger.parseInt(s)), s);
            assertEquals(Boolean.parseBoolean(s), TBoolean.parseBoolean(s));
        }
        assertEquals(Outcome.of(() -> Integer.parseInt(null)), Outcome.of(() -> TInteger.parseInt(null)));
        assertEquals(Outcome.of(() -> Long.parseLong(null)), Outcome.of(() -> TLong.parseLong(null)));
        assertEquals(Outcome.of(() -> Integer.parseUnsignedInt(null)), Outcome.of(() -> TInteger.parseUnsignedInt(null)));
        assertEquals(Outcome.of(() -> Long.parseUnsignedLong(null)), Outcome.of(() -> TLong.parseUnsignedLong(null)));
        assertEquals(Boolean.parseBoolean("TRUE"), TBoolean.parseBoolean("TRUE"));
        assertEquals(Boolean.parseBoolean(null), TBoolean.parseBoolean(null));
    }

    @Test
    void smallTypesPrintAndCompareLikeTheJdk() {
        for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v += 7) {
            short s = (short) v;
            assertEquals(Short.toString(s), TShort.toString(s));
            assertEquals(Short.compare(s, (short) 3), TShort.compare(s, (short) 3));
            assertEquals(Short.toUnsignedInt(s), TShort.toUnsignedInt(s));
            assertEquals(Byte.toString((byte) v), TByte.toString((byte) v));
            assertEquals(Byte.toUnsignedInt((byte) v), TByte.toUnsignedInt((byte) v));
        }
        assertEquals(Boolean.toString(true), TBoolean.toString(true));
        assertEquals(Boolean.hashCode(false), TBoolean.hashCode(false));
        assertEquals(Boolean.compare(true, false), TBoolean.compare(true, false));
    }
}
