/** String concatenation of every type: primitives, null, objects, chars, arrays of char via valueOf, compound +=. */
public class StringConcat {
    static class Thing {
        final int id;

        Thing(int id) { this.id = id; }

        public String toString() { return "Thing#" + id; }
    }

    static class NullName {
        public String toString() { return null; }
    }

    public static void main(String[] args) {
        byte b = -5;
        short s = 1234;
        char c = 'x';
        int i = -2147483648;
        long l = 9223372036854775807L;
        float f = 1.25f;
        double d = -0.001;
        boolean z = true;
        String str = "str";
        String nul = null;
        Object o = new Thing(7);
        System.out.println("b=" + b + " s=" + s + " c=" + c + " i=" + i + " l=" + l + " f=" + f + " d=" + d + " z=" + z);
        System.out.println(str + nul + o + null + new NullName());
        System.out.println(1 + 2 + "three" + 4 + 5);
        System.out.println('a' + 'b' + "c" + 'd' + 'e');
        System.out.println("" + (char) 65 + (int) 'A' + (byte) 200 + (1.0f / 3) + (2.0 / 3));
        String acc = "";
        for (int k = 0; k < 10; k++) acc += k % 3 == 0 ? "|" : String.valueOf(k);
        System.out.println(acc);
        acc += 'c';
        acc += 2.5;
        acc += false;
        acc += o;
        System.out.println(acc);
        char[] chars = {'h', 'i'};
        System.out.println("chars " + String.valueOf(chars) + " " + new String(chars, 1, 1));
        System.out.println(str.concat("-cat") + String.valueOf(42) + String.valueOf(true) + String.valueOf('q') + String.valueOf(7L) + String.valueOf(0.5f));
        String big = "";
        for (int k = 0; k < 300; k++) big = big + (char) ('a' + k % 26);
        System.out.println(big.length() + " " + big.substring(290) + " " + big.hashCode());
        String empty = "" + "";
        System.out.println(empty.isEmpty() + " " + ("a" + "b" == "ab") + " " + ("lit" + 1).equals("lit1"));
        System.out.println(Long.MIN_VALUE + "" + Integer.MIN_VALUE + Short.MIN_VALUE + Byte.MIN_VALUE + Double.MIN_VALUE + Float.MAX_VALUE);
    }
}
