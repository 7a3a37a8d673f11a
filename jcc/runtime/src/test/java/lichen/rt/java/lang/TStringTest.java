package lichen.rt.java.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lichen.rt.Outcome;
import org.junit.jupiter.api.Test;

/** Every TString method against java.lang.String on the same inputs, including out-of-range arguments. */
class TStringTest {
    private static final String ALPHABET = "abAB \t\n\u00e9\u00df\u00ff\u00b5\ud83d\ude00\u2028\u3000xyz";

    private static List<String> strings() {
        List<String> list = new ArrayList<>(List.of("", "a", "ab", "abc", "aaa", "  padded  ", "\u00e9t\u00e9",
            "Hello, World", "\ud83d\ude00", "\ud83d", "a\u0000b", "x".repeat(40)));
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 300; i++) {
            int n = random.nextInt(8);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < n; k++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            list.add(sb.toString());
        }
        return list;
    }

    private static boolean hasSurrogate(String s) {
        return s.chars().anyMatch(c -> Character.isSurrogate((char) c));
    }

    private static void same(Object expected, Object actual, String what) {
        assertEquals(expected, actual, what);
    }

    @Test
    void queriesMatchTheJdk() {
        List<String> all = strings();
        for (String s : all) {
            TString t = new TString(s.toCharArray());
            same(s.length(), t.length(), s);
            same(s.isEmpty(), t.isEmpty(), s);
            same(s.isBlank(), t.isBlank(), s);
            same(s.hashCode(), t.hashCode(), s);
            same(s, t.toString(), s);
            same(new String(s.toCharArray()), new String(t.toCharArray()), s);
            for (int i = -2; i <= s.length() + 1; i++) {
                int index = i;
                same(Outcome.of(() -> s.charAt(index)), Outcome.of(() -> t.charAt(index)), s + " charAt " + i);
                same(Outcome.of(() -> s.codePointAt(index)), Outcome.of(() -> t.codePointAt(index)), s + " codePointAt " + i);
                same(Outcome.of(() -> s.substring(index)), Outcome.of(() -> t.substring(index)), s + " substring " + i);
                for (int j = -1; j <= s.length() + 1; j++) {
                    int end = j;
                    same(Outcome.of(() -> s.substring(index, end)), Outcome.of(() -> t.substring(index, end)), s + " substring " + i + "," + j);
                }
                for (int ch : new int[] {'a', 'b', ' ', 0xe9, 0x1F600, 0xd83d, -1, 0x110000}) {
                    same(s.indexOf(ch, index), t.indexOf(ch, index), s + " indexOf " + ch + " from " + i);
                    same(s.lastIndexOf(ch, index), t.lastIndexOf(ch, index), s + " lastIndexOf " + ch + " from " + i);
                }
            }
            for (int k = 0; k < 20; k++) {
                String other = all.get(k);
                same(s.equals(other), t.equals(other), s + " equals " + other);
                same(s.equalsIgnoreCase(other), t.equalsIgnoreCase(other), s + " equalsIgnoreCase " + other);
                same(Integer.signum(s.compareTo(other)), Integer.signum(t.compareTo(other)), s + " compareTo " + other);
                same(s.compareTo(other), t.compareTo(other), s + " compareTo " + other);
                if (!hasSurrogate(s) && !hasSurrogate(other)) {
                    // The JDK folds supplementary code points as a whole; this runtime folds chars.
                    same(s.compareToIgnoreCase(other), t.compareToIgnoreCase(other), s + " compareToIgnoreCase " + other);
                }
                same(s.startsWith(other), t.startsWith(other), s + " startsWith " + other);
                same(s.endsWith(other), t.endsWith(other), s + " endsWith " + other);
                same(s.contains(other), t.contains(other), s + " contains " + other);
                same(s.indexOf(other), t.indexOf(other), s + " indexOf " + other);
                same(s.lastIndexOf(other), t.lastIndexOf(other), s + " lastIndexOf " + other);
                for (int from = -1; from <= s.length() + 1; from++) {
                    same(s.indexOf(other, from), t.indexOf(other, from), s + " indexOf " + other + " from " + from);
                    same(s.lastIndexOf(other, from), t.lastIndexOf(other, from), s + " lastIndexOf " + other + " from " + from);
                    same(s.startsWith(other, from), t.startsWith(other, from), s + " startsWith " + other + " at " + from);
                }
            }
            same(s.equals(null), t.equals(null), s);
            same(false, t.equals(new Object()), s);
        }
    }

    @Test
    void transformationsMatchTheJdk() {
        List<String> all = strings();
        for (String s : all) {
            TString t = new TString(s);
            same(s.trim(), t.trim(), s);
            same(s.strip(), t.strip(), s);
            same(s.stripLeading(), t.stripLeading(), s);
            same(s.stripTrailing(), t.stripTrailing(), s);
            same(s.concat("xy"), t.concat("xy"), s);
            same(s.concat(""), t.concat(""), s);
            same(s.replace('a', 'z'), t.replace('a', 'z'), s);
            same(s.replace("a", "<>"), t.replace("a", "<>"), s);
            same(s.replace("", "-"), t.replace("", "-"), s);
            same(s.replace("ab", ""), t.replace("ab", ""), s);
            if (s.indexOf('\u00df') < 0) {
                same(s.toUpperCase(), t.toUpperCase(), s);
            }
            same(s.toLowerCase(), t.toLowerCase(), s);
            for (int count = -1; count <= 3; count++) {
                int c = count;
                same(Outcome.of(() -> s.repeat(c)), Outcome.of(() -> t.repeat(c)), s + " repeat " + c);
            }
            char[] dst = new char[10];
            char[] dst2 = new char[10];
            for (int b = -1; b <= s.length() + 1; b++) {
                int begin = b;
                same(Outcome.ofRun(() -> s.getChars(begin, s.length(), dst, 1)),
                        Outcome.ofRun(() -> t.getChars(begin, s.length(), dst2, 1)), s + " getChars " + b);
            }
        }
    }

    @Test
    void constructorsAndValueOfMatchTheJdk() {
        char[] chars = "hello".toCharArray();
        for (int offset = -1; offset <= 6; offset++) {
            for (int count = -1; count <= 6; count++) {
                int o = offset;
                int c = count;
                same(Outcome.of(() -> new String(chars, o, c)), Outcome.of(() -> new TString(chars, o, c).toString()), o + "," + c);
            }
        }
        same(String.valueOf((Object) null), TString.valueOf((Object) null), "null");
        same(String.valueOf(true), TString.valueOf(true), "true");
        same(String.valueOf('x'), TString.valueOf('x'), "x");
        same(String.valueOf(chars, 1, 3), TString.valueOf(chars, 1, 3), "chars");
        same(String.join(", ", "a", "b", "c"), TString.join(", ", "a", "b", "c"), "join");
        same("", new TString().toString(), "empty");
    }

    @Test
    void characterClassificationMatchesTheJdkForLatin1() {
        for (int c = 0; c < 256; c++) {
            char ch = (char) c;
            String what = "U+" + Integer.toHexString(c);
            same(Character.isDigit(ch), TCharacter.isDigit(ch), what);
            same(Character.isLetter(ch), TCharacter.isLetter(ch), what);
            same(Character.isLetterOrDigit(ch), TCharacter.isLetterOrDigit(ch), what);
            same(Character.isAlphabetic(c), TCharacter.isAlphabetic(c), what);
            same(Character.isUpperCase(ch), TCharacter.isUpperCase(ch), what);
            same(Character.isLowerCase(ch), TCharacter.isLowerCase(ch), what);
            same(Character.toUpperCase(ch), TCharacter.toUpperCase(ch), what);
            same(Character.toLowerCase(ch), TCharacter.toLowerCase(ch), what);
            same(Character.toUpperCase(c), TCharacter.toUpperCase(c), what);
            for (int radix = 0; radix <= 37; radix++) {
                same(Character.digit(ch, radix), TCharacter.digit(ch, radix), what + " radix " + radix);
                same(Character.forDigit(c - 40, radix), TCharacter.forDigit(c - 40, radix), what + " radix " + radix);
            }
        }
    }

    @Test
    void whitespaceAndDigitsMatchTheJdkForEveryChar() {
        for (int c = 0; c < 0x10000; c++) {
            char ch = (char) c;
            String what = "U+" + Integer.toHexString(c);
            same(Character.isWhitespace(ch), TCharacter.isWhitespace(ch), what);
            same(Character.isSpaceChar(ch), TCharacter.isSpaceChar(ch), what);
            same(Character.isHighSurrogate(ch), TCharacter.isHighSurrogate(ch), what);
            same(Character.isLowSurrogate(ch), TCharacter.isLowSurrogate(ch), what);
            if (c < 0x660 || c >= 0xFF00) {
                same(Character.digit(ch, 36), TCharacter.digit(ch, 36), what);
            }
        }
        for (int cp : new int[] {0, 0x41, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF}) {
            same(new String(Character.toChars(cp)), new String(TCharacter.toChars(cp)), Integer.toHexString(cp));
            same(Character.toString(cp), TCharacter.toString(cp), Integer.toHexString(cp));
        }
        same(Outcome.of(() -> Character.toChars(0x110000)), Outcome.of(() -> TCharacter.toChars(0x110000)), "bad code point");
    }
}
