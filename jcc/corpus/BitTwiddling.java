/** Integer and Long bit operations: counts, leading/trailing zeros, rotations, reversal, byte swaps, highest/lowest bit. */
public class BitTwiddling {
    public static void main(String[] args) {
        int[] xs = {0, 1, -1, 0x80000000, 0x7fffffff, 0x12345678, 0xF0F0F0F0, 6, -6};
        for (int x : xs) {
            System.out.println(Integer.toHexString(x) + ": bits " + Integer.bitCount(x) + " nlz " + Integer.numberOfLeadingZeros(x)
                    + " ntz " + Integer.numberOfTrailingZeros(x) + " hi " + Integer.highestOneBit(x) + " lo " + Integer.lowestOneBit(x)
                    + " rotl " + Integer.rotateLeft(x, 4) + " rotr " + Integer.rotateRight(x, 36) + " rev " + Integer.reverse(x)
                    + " swap " + Integer.toHexString(Integer.reverseBytes(x)) + " sig " + Integer.signum(x));
        }
        long[] ls = {0L, -1L, Long.MIN_VALUE, 0x0123456789ABCDEFL, 1L << 33};
        for (long l : ls) {
            System.out.println(Long.toHexString(l) + ": bits " + Long.bitCount(l) + " nlz " + Long.numberOfLeadingZeros(l)
                    + " ntz " + Long.numberOfTrailingZeros(l) + " rotl " + Long.rotateLeft(l, 12) + " rev " + Long.reverse(l)
                    + " swap " + Long.toHexString(Long.reverseBytes(l)) + " hi " + Long.highestOneBit(l));
        }
        int v = 0b1011_0110;
        int gray = v ^ (v >>> 1);
        int back = gray;
        for (int s = 1; s < 32; s <<= 1) back ^= back >>> s;
        System.out.println(Integer.toBinaryString(gray) + " " + back + " " + (v & -v) + " " + (v & (v - 1)) + " " + ((v | (v - 1)) + 1));
        int pop = 0;
        for (int i = 0; i < 1 << 16; i++) pop += Integer.bitCount(i * 2654435761L > 0 ? i : ~i);
        System.out.println(pop + " " + Short.reverseBytes((short) 0x1234) + " " + Character.reverseBytes('\u0102'));
    }
}
