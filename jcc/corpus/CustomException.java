/** An uncaught throw of the program's own RuntimeException subclass, with a computed message. */
public class CustomException {
    static class ValidationException extends RuntimeException {
        ValidationException(String message) {
            super(message);
        }
    }

    static int check(int age) {
        if (age < 0 || age > 150) throw new ValidationException("age out of range: " + age);
        return age;
    }

    public static void main(String[] args) {
        int[] ages = {30, 150, 0, 151, 40};
        for (int a : ages) System.out.println("ok " + check(a));
    }
}
