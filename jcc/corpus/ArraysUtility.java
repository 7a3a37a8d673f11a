/** java.util.Arrays on primitive arrays: fill (ranges), equals, hashCode, toString, sort (ranges), copyOf growing and shrinking. */
public class ArraysUtility {
    public static void main(String[] args) {
        int[] a = new int[10];
        java.util.Arrays.fill(a, 7);
        java.util.Arrays.fill(a, 2, 5, -1);
        System.out.println(java.util.Arrays.toString(a) + " " + java.util.Arrays.hashCode(a));
        long[] l = {5, 3, 9, 1, 7, 2};
        java.util.Arrays.sort(l, 1, 4);
        System.out.println(java.util.Arrays.toString(l));
        char[] c = "hello world".toCharArray();
        java.util.Arrays.sort(c, 0, 5);
        System.out.println(java.util.Arrays.toString(c) + " " + new String(c));
        byte[] b = {3, -1, 2, -128, 127};
        java.util.Arrays.sort(b);
        System.out.println(java.util.Arrays.toString(b) + " " + java.util.Arrays.hashCode(b));
        short[] s = java.util.Arrays.copyOf(new short[] {1, 2, 3}, 5);
        float[] f = java.util.Arrays.copyOf(new float[] {1.5f, -0.0f, Float.NaN, 0.0f, -3f}, 4);
        java.util.Arrays.sort(f);
        System.out.println(java.util.Arrays.toString(s) + " " + java.util.Arrays.toString(f));
        double[] d = java.util.Arrays.copyOfRange(new double[] {0.5, 1.5, 2.5, 3.5}, 1, 6);
        System.out.println(java.util.Arrays.toString(d) + " " + java.util.Arrays.equals(d, new double[] {1.5, 2.5, 3.5, 0, 0}));
        boolean[] z = new boolean[3];
        java.util.Arrays.fill(z, true);
        System.out.println(java.util.Arrays.toString(z) + " " + java.util.Arrays.equals(new int[0], new int[0]) + " " + java.util.Arrays.equals(a, null));
        int[] big = new int[1000];
        for (int i = 0; i < big.length; i++) big[i] = (i * 7919) % 1000 - 500;
        java.util.Arrays.sort(big);
        System.out.println(big[0] + " " + big[499] + " " + big[999] + " " + java.util.Arrays.hashCode(big));
        Object[] objs = {"b", "a", "c"};
        java.util.Arrays.sort(objs);
        System.out.println(java.util.Arrays.toString(objs) + " " + java.util.Arrays.toString((int[]) null));
    }
}
