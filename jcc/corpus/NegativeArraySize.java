/** new int[n] with n < 0: NegativeArraySizeException naming the size. */
public class NegativeArraySize {
    static int[] make(int n) {
        return new int[n];
    }

    public static void main(String[] args) {
        for (int n = 2; n >= -3; n--) {
            System.out.println("size " + n);
            System.out.println(make(n * 3).length);
        }
    }
}
