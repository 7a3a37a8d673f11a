/** Arbitrary-precision factorials without BigInteger: base-10^9 limbs, multiplication by int, digit sums. */
public class BignumFactorial {
    static final int BASE = 1_000_000_000;

    static final class Big {
        int[] limbs = new int[4];
        int length = 1;

        Big(int v) { limbs[0] = v; }

        void multiply(int m) {
            long carry = 0;
            for (int i = 0; i < length; i++) {
                long p = (long) limbs[i] * m + carry;
                limbs[i] = (int) (p % BASE);
                carry = p / BASE;
            }
            while (carry != 0) {
                if (length == limbs.length) limbs = java.util.Arrays.copyOf(limbs, length * 2);
                limbs[length++] = (int) (carry % BASE);
                carry /= BASE;
            }
        }

        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(limbs[length - 1]);
            for (int i = length - 2; i >= 0; i--) {
                String part = Integer.toString(limbs[i]);
                for (int k = part.length(); k < 9; k++) sb.append('0');
                sb.append(part);
            }
            return sb.toString();
        }
    }

    public static void main(String[] args) {
        Big f = new Big(1);
        for (int i = 1; i <= 500; i++) {
            f.multiply(i);
            if (i <= 25 || i % 100 == 0) {
                String s = f.toString();
                int digitSum = 0;
                for (int k = 0; k < s.length(); k++) digitSum += s.charAt(k) - '0';
                System.out.println(i + "! has " + s.length() + " digits, digit sum " + digitSum
                        + (s.length() <= 40 ? " = " + s : ", starts " + s.substring(0, 20)));
            }
        }
        Big two = new Big(1);
        for (int i = 0; i < 256; i++) two.multiply(2);
        System.out.println("2^256 = " + two);
    }
}
