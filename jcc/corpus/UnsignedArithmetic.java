/** Unsigned int and long arithmetic through Integer/Long helpers, and unsigned widening with masks. */
public class UnsignedArithmetic {
    public static void main(String[] args) {
        int[] as = {-1, 7, Integer.MIN_VALUE, 123456789, -123456789};
        int[] bs = {3, -2, 2, -1, 10};
        for (int i = 0; i < as.length; i++) {
            int a = as[i], b = bs[i];
            System.out.println(Integer.toUnsignedString(a) + " / " + Integer.toUnsignedString(b) + " = " + Integer.divideUnsigned(a, b)
                    + " rem " + Integer.remainderUnsigned(a, b) + " cmp " + Integer.compareUnsigned(a, b) + " long " + Integer.toUnsignedLong(a));
        }
        long[] ls = {-1L, Long.MIN_VALUE, 10L, -10L};
        for (long l : ls) {
            System.out.println(Long.toUnsignedString(l) + " /7 = " + Long.divideUnsigned(l, 7) + " %7 = " + Long.remainderUnsigned(l, 7)
                    + " cmp0 " + Long.compareUnsigned(l, 0) + " hex " + Long.toHexString(l) + " parse " + Long.parseUnsignedLong(Long.toUnsignedString(l)));
        }
        byte b = (byte) 0xFE;
        short s = (short) 0xFFFE;
        System.out.println((b & 0xFF) + " " + (s & 0xFFFF) + " " + Byte.toUnsignedInt(b) + " " + Short.toUnsignedInt(s) + " " + (b & 0xFFL));
        long acc = 0xFFFFFFFFL;
        acc *= 0xFFFFFFFFL;
        System.out.println(Long.toUnsignedString(acc) + " " + (acc >>> 32) + " " + (int) acc);
    }
}
