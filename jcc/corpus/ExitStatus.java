/** System.exit with a computed non-zero status after output. */
public class ExitStatus {
    public static void main(String[] args) {
        int sum = 0;
        for (int i = 1; i <= 10; i++) sum += i;
        System.out.println("sum " + sum);
        System.out.print("no newline at the end");
        System.exit(sum % 7 + 40);
    }
}
