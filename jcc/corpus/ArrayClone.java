/** clone() of arrays: a shallow copy of the same type, independent of the original. */
public class ArrayClone {
    static class Box {
        int v;
        Box(int v) { this.v = v; }
    }

    public static void main(String[] args) {
        int[] a = {1, 2, 3, 4};
        int[] b = a.clone();
        b[0] = 99;
        System.out.println(a[0] + " " + b[0] + " " + (a != b) + " " + b.length);
        double[] d = {0.5, 1.5};
        double[] e = d.clone();
        e[1] += 1;
        System.out.println(d[1] + " " + e[1]);
        Box[] boxes = {new Box(1), new Box(2)};
        Box[] copy = boxes.clone();
        copy[0].v = 10;
        copy[1] = new Box(20);
        System.out.println(boxes[0].v + " " + boxes[1].v + " " + copy[1].v);
        int[][] m = {{1, 2}, {3, 4}};
        int[][] mc = m.clone();
        mc[0][0] = 100;
        mc[1] = new int[] {7};
        System.out.println(m[0][0] + " " + m[1].length + " " + mc[1].length);
        char[] s = "hello".toCharArray();
        char[] t = s.clone();
        t[0] = 'j';
        System.out.println(new String(s) + " " + new String(t));
        Object o = boxes.clone();
        System.out.println(o instanceof Box[]);
        long[] empty = new long[0];
        System.out.println(empty.clone().length);
        int[] c = java.util.Arrays.copyOf(a, 6);
        int[] r = java.util.Arrays.copyOfRange(a, 1, 3);
        System.out.println(java.util.Arrays.toString(c) + java.util.Arrays.toString(r) + java.util.Arrays.equals(a, a.clone()));
        int[] dst = new int[6];
        System.arraycopy(a, 0, dst, 2, 4);
        System.arraycopy(dst, 2, dst, 1, 3);
        System.out.println(java.util.Arrays.toString(dst));
    }
}
