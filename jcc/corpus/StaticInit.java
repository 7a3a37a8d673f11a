/** Static initialisers (run at build time in jcc): tables computed once, constants, cross-class dependencies. */
public class StaticInit {
    static final int[] SQUARES = new int[20];
    static final String GREETING;
    static int counter = 5;
    static final long[] FIBS = fibs(60);
    static final char[] HEX = "0123456789abcdef".toCharArray();

    static {
        for (int i = 0; i < SQUARES.length; i++) SQUARES[i] = i * i;
        GREETING = "hello " + Table.NAMES[1];
        counter += Table.NAMES.length;
    }

    static long[] fibs(int n) {
        long[] f = new long[n];
        f[0] = 0;
        f[1] = 1;
        for (int i = 2; i < n; i++) f[i] = f[i - 1] + f[i - 2];
        return f;
    }

    static final class Table {
        static final String[] NAMES = {"zero", "one", "two"};
        static final Table INSTANCE = new Table(42);
        final int value;

        private Table(int value) { this.value = value; }
    }

    enum Mode { FAST, SLOW;
        static final Mode DEFAULT = SLOW;
    }

    static String hex(int v) {
        char[] out = new char[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = HEX[v & 15];
            v >>>= 4;
        }
        return new String(out);
    }

    public static void main(String[] args) {
        System.out.println(SQUARES[19] + " " + GREETING + " " + counter);
        System.out.println(FIBS[59] + " " + Table.INSTANCE.value + " " + Mode.DEFAULT);
        counter++;
        SQUARES[0] = -1;
        System.out.println(counter + " " + SQUARES[0] + " " + hex(0xCAFEBABE) + " " + hex(counter));
    }
}
