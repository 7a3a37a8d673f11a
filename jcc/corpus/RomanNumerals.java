/** Roman numerals: integer to Roman and back for 1..3999, checking the round trip, printing samples. */
public class RomanNumerals {
    static final int[] VALUES = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static final String[] SYMBOLS = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};

    static String toRoman(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < VALUES.length; i++) {
            while (n >= VALUES[i]) {
                sb.append(SYMBOLS[i]);
                n -= VALUES[i];
            }
        }
        return sb.toString();
    }

    static int value(char c) {
        return switch (c) {
            case 'I' -> 1;
            case 'V' -> 5;
            case 'X' -> 10;
            case 'L' -> 50;
            case 'C' -> 100;
            case 'D' -> 500;
            case 'M' -> 1000;
            default -> throw new IllegalArgumentException("not a roman digit: " + c);
        };
    }

    static int fromRoman(String s) {
        int total = 0;
        for (int i = 0; i < s.length(); i++) {
            int v = value(s.charAt(i));
            if (i + 1 < s.length() && v < value(s.charAt(i + 1))) total -= v;
            else total += v;
        }
        return total;
    }

    public static void main(String[] args) {
        int bad = 0, longest = 0, totalLength = 0;
        for (int n = 1; n < 4000; n++) {
            String r = toRoman(n);
            if (fromRoman(r) != n) bad++;
            totalLength += r.length();
            if (r.length() > toRoman(longest == 0 ? 1 : longest).length()) longest = n;
        }
        System.out.println("round-trip failures " + bad + ", total length " + totalLength + ", longest " + longest + " = " + toRoman(longest));
        int[] samples = {1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999};
        for (int n : samples) System.out.println(n + " = " + toRoman(n));
        System.out.println(fromRoman("MMXXIV") + " " + fromRoman("mcm"));
    }
}
