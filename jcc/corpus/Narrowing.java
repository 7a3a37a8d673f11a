/** char, byte and short: narrowing conversions, promotion in arithmetic, compound assignment's implicit cast. */
public class Narrowing {
    public static void main(String[] args) {
        byte b = 127;
        b++;
        System.out.println(b);
        b += 200;
        System.out.println(b);
        short s = Short.MAX_VALUE;
        s += 1;
        System.out.println(s);
        s *= 3;
        System.out.println(s);
        char c = 'z';
        c += 1;
        System.out.println(c);
        System.out.println((int) c);
        c = (char) -1;
        System.out.println((int) c);
        System.out.println((short) c);
        System.out.println((byte) c);
        for (int v = -300; v <= 300; v += 77) {
            System.out.println(v + ": " + (byte) v + " " + (short) (v * 200) + " " + (int) (char) v + " " + ((v & 0xFF) >> 1));
        }
        byte neg = (byte) 0x80;
        System.out.println(neg >> 1);
        System.out.println(neg >>> 1);
        System.out.println((byte) (neg >>> 1));
        System.out.println(neg & 0xFF);
        char d = '7';
        System.out.println(d - '0');
        System.out.println(d + 1);
        System.out.println((char) (d + 1));
        System.out.println("" + d + 1);
        byte[] bytes = new byte[6];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 61);
        int sum = 0;
        for (byte x : bytes) sum += x;
        System.out.println("sum " + sum);
        short[] shorts = {-1, 1000, Short.MIN_VALUE};
        long acc = 0;
        for (short x : shorts) acc = acc * 65536 + x;
        System.out.println(acc);
        System.out.println(Byte.MIN_VALUE + " " + Byte.MAX_VALUE + " " + Short.MIN_VALUE + " " + (int) Character.MAX_VALUE);
        System.out.println(Short.toString((short) -5) + Byte.toString((byte) 12));
    }
}
