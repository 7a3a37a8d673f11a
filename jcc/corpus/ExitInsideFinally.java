/** System.exit inside try/finally does not run the finally; output printed before exit is flushed. */
public class ExitInsideFinally {
    static final class Noisy implements AutoCloseable {
        public void close() { System.out.println("close must not run"); }
    }

    public static void main(String[] args) {
        try {
            System.out.println("in try");
        } finally {
            System.out.println("first finally runs");
        }
        try (Noisy n = new Noisy()) {
            try {
                System.out.print("exiting with 3");
                System.exit(3);
            } finally {
                System.out.println("second finally must not run");
            }
        }
    }
}
