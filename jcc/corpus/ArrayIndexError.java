/** An index one past the end: ArrayIndexOutOfBoundsException with the JVM's message, status 1. */
public class ArrayIndexError {
    public static void main(String[] args) {
        int[] squares = new int[5];
        for (int i = 0; i < squares.length; i++) squares[i] = i * i;
        int sum = 0;
        for (int i = 0; i <= squares.length; i++) {
            System.out.println("adding " + i);
            sum += squares[i];
        }
        System.out.println(sum);
    }
}
