package lichen.rt.java.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import lichen.rt.Outcome;
import org.junit.jupiter.api.Test;

/** Random sequences of StringBuilder operations, applied to the JDK's builder and to TStringBuilder, must agree. */
class TStringBuilderTest {
    private static final String[] PIECES = {"", "a", "xyz", "\ud83d\ude00", "\ud83d", "\ude00", "\u00e9\u00e8", null};

    @Test
    void randomOperationSequencesMatchTheJdk() {
        SplittableRandom random = new SplittableRandom(23);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder jdk = new StringBuilder();
            TStringBuilder ours = new TStringBuilder();
            for (int step = 0; step < 30; step++) {
                int op = random.nextInt(22);
                int i = random.nextInt(-1, jdk.length() + 2);
                int j = random.nextInt(-1, jdk.length() + 2);
                String piece = PIECES[random.nextInt(PIECES.length)];
                long number = random.nextLong() >> random.nextInt(64);
                String what = "round " + round + " step " + step + " op " + op + " i " + i + " j " + j + " on \"" + jdk + "\"";
                Outcome expected;
                Outcome actual;
                switch (op) {
                    case 0 -> { expected = Outcome.of(() -> jdk.append(piece).length()); actual = Outcome.of(() -> ours.append(piece).length()); }
                    case 1 -> { expected = Outcome.of(() -> jdk.append((int) number).length()); actual = Outcome.of(() -> ours.append((int) number).length()); }
                    case 2 -> { expected = Outcome.of(() -> jdk.append(number).length()); actual = Outcome.of(() -> ours.append(number).length()); }
                    case 3 -> { expected = Outcome.of(() -> jdk.append((char) number).length()); actual = Outcome.of(() -> ours.append((char) number).length()); }
                    case 4 -> { expected = Outcome.of(() -> jdk.append(number % 2 == 0).length()); actual = Outcome.of(() -> ours.append(number % 2 == 0).length()); }
                    case 5 -> { expected = Outcome.of(() -> jdk.append(Double.longBitsToDouble(number)).length()); actual = Outcome.of(() -> ours.append(Double.longBitsToDouble(number)).length()); }
                    case 6 -> { expected = Outcome.of(() -> jdk.append((float) number / 7).length()); actual = Outcome.of(() -> ours.append((float) number / 7).length()); }
                    case 7 -> { expected = Outcome.of(() -> jdk.charAt(i)); actual = Outcome.of(() -> ours.charAt(i)); }
                    case 8 -> { expected = Outcome.ofRun(() -> jdk.setCharAt(i, 'Q')); actual = Outcome.ofRun(() -> ours.setCharAt(i, 'Q')); }
                    case 9 -> { expected = Outcome.ofRun(() -> jdk.setLength(i)); actual = Outcome.ofRun(() -> ours.setLength(i)); }
                    case 10 -> { expected = Outcome.of(() -> jdk.insert(i, 'I').length()); actual = Outcome.of(() -> ours.insert(i, 'I').length()); }
                    case 11 -> { expected = Outcome.of(() -> jdk.insert(i, piece).length()); actual = Outcome.of(() -> ours.insert(i, piece).length()); }
                    case 12 -> { expected = Outcome.of(() -> jdk.reverse().length()); actual = Outcome.of(() -> ours.reverse().length()); }
                    case 13 -> { expected = Outcome.of(() -> jdk.deleteCharAt(i).length()); actual = Outcome.of(() -> ours.deleteCharAt(i).length()); }
                    case 14 -> { expected = Outcome.of(() -> jdk.delete(i, j).length()); actual = Outcome.of(() -> ours.delete(i, j).length()); }
                    case 15 -> { expected = Outcome.of(() -> jdk.replace(i, j, piece == null ? "n" : piece).length()); actual = Outcome.of(() -> ours.replace(i, j, piece == null ? "n" : piece).length()); }
                    case 16 -> { expected = Outcome.of(() -> jdk.substring(i, j)); actual = Outcome.of(() -> ours.substring(i, j)); }
                    case 17 -> { expected = Outcome.of(() -> jdk.indexOf(piece == null ? "a" : piece, i)); actual = Outcome.of(() -> ours.indexOf(piece == null ? "a" : piece, i)); }
                    case 18 -> { expected = Outcome.of(() -> jdk.lastIndexOf(piece == null ? "a" : piece, i)); actual = Outcome.of(() -> ours.lastIndexOf(piece == null ? "a" : piece, i)); }
                    case 19 -> { expected = Outcome.of(() -> jdk.append("hello".toCharArray(), i, j).length()); actual = Outcome.of(() -> ours.append("hello".toCharArray(), i, j).length()); }
                    case 20 -> { expected = Outcome.of(() -> jdk.append((CharSequence) "hello", i, j).length()); actual = Outcome.of(() -> ours.append((CharSequence) "hello", i, j).length()); }
                    default -> { expected = Outcome.of(() -> jdk.appendCodePoint((int) number & 0x1fffff).length()); actual = Outcome.of(() -> ours.appendCodePoint((int) number & 0x1fffff).length()); }
                }
                assertEquals(expected, actual, what);
                assertEquals(jdk.toString(), ours.toString(), what);
                if (jdk.length() > 200) {
                    jdk.setLength(0);
                    ours.setLength(0);
                }
            }
        }
    }

    @Test
    void constructorsMatchTheJdk() {
        assertEquals(Outcome.of(() -> new StringBuilder(-1)), Outcome.of(() -> new TStringBuilder(-1)));
        assertEquals(new StringBuilder("abc").append(1).toString(), new TStringBuilder("abc").append(1).toString());
        assertEquals(new StringBuilder((CharSequence) "abc").toString(), new TStringBuilder((CharSequence) "abc").toString());
        assertEquals(new StringBuilder().append((Object) null).toString(), new TStringBuilder().append((Object) null).toString());
        assertEquals(new StringBuilder().append((CharSequence) null).toString(), new TStringBuilder().append((CharSequence) null).toString());
    }
}
