/** An invariant check that fails: throw new AssertionError with a message, after some output. */
public class AssertionFailure {
    static int[] sortedCopy(int[] a) {
        int[] b = a.clone();
        java.util.Arrays.sort(b);
        return b;
    }

    static void checkSorted(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i - 1] > a[i]) throw new AssertionError("not sorted at index " + i + ": " + a[i - 1] + " > " + a[i]);
        }
        System.out.println("sorted: " + java.util.Arrays.toString(a));
    }

    public static void main(String[] args) {
        int[] data = {5, 1, 4, 2, 3};
        checkSorted(sortedCopy(data));
        checkSorted(data);
    }
}
