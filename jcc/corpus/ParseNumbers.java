/** Parsing and printing numbers: parseInt/parseLong with signs and radixes, a hand-written decimal parser, then a bad input. */
public class ParseNumbers {
    static double parseDecimal(String s) {
        int i = 0;
        boolean neg = false;
        if (s.charAt(0) == '-') { neg = true; i++; }
        double v = 0;
        while (i < s.length() && s.charAt(i) != '.') v = v * 10 + (s.charAt(i++) - '0');
        if (i < s.length()) {
            i++;
            double scale = 0.1;
            while (i < s.length()) {
                v += (s.charAt(i++) - '0') * scale;
                scale /= 10;
            }
        }
        return neg ? -v : v;
    }

    public static void main(String[] args) {
        String[] ints = {"0", "-0", "+17", "2147483647", "-2147483648", "000123", "-99"};
        long sum = 0;
        for (String s : ints) {
            int v = Integer.parseInt(s);
            sum += v;
            System.out.println(s + " -> " + v);
        }
        System.out.println("sum " + sum);
        System.out.println(Integer.parseInt("ff", 16) + " " + Integer.parseInt("-1010", 2) + " " + Integer.parseInt("zz", 36) + " " + Long.parseLong("-9223372036854775808"));
        System.out.println(Integer.toString(255, 16) + " " + Integer.toString(-255, 2) + " " + Long.toString(Long.MAX_VALUE, 36) + " " + Integer.toOctalString(8));
        System.out.println(Integer.toHexString(-1) + " " + Integer.toBinaryString(10) + " " + Integer.toUnsignedString(-1) + " " + Integer.parseUnsignedInt("4294967295"));
        String[] decimals = {"3.25", "-0.5", "100", "0.001"};
        for (String d : decimals) System.out.println(d + " -> " + parseDecimal(d));
        System.out.println(Boolean.parseBoolean("TRUE") + " " + Boolean.parseBoolean("yes") + " " + Short.parseShort("-300") + " " + Byte.parseByte("7f", 16));
        System.out.println(Integer.parseInt("12x"));
    }
}
