/** An uncaught ArithmeticException: status 1, "/ by zero" on stderr, the output before it kept. */
public class DivideByZero {
    static int divide(int a, int b) {
        return a / b;
    }

    public static void main(String[] args) {
        System.out.println(divide(10, 3));
        System.out.println(divide(-7, 2));
        int zero = args.length;
        System.out.println(divide(1, zero));
        System.out.println("not reached");
    }
}
