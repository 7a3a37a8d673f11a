/** try-with-resources: close in reverse order, on normal exit and on a throw, null resources skipped. */
public class TryWithResources {
    static final class Resource implements AutoCloseable {
        private final String name;

        Resource(String name) {
            this.name = name;
            System.out.println("open " + name);
        }

        void use() { System.out.println("use " + name); }

        @Override
        public void close() { System.out.println("close " + name); }
    }

    static int sum(int n) {
        try (Resource r = new Resource("sum" + n)) {
            r.use();
            if (n > 2) return n * 100;
            return n;
        }
    }

    public static void main(String[] args) {
        try (Resource a = new Resource("a"); Resource b = new Resource("b")) {
            a.use();
            b.use();
        }
        System.out.println(sum(1) + " " + sum(3));
        try (Resource none = null) {
            System.out.println("null resource is fine");
        }
        Resource outer = new Resource("outer");
        try (outer; Resource inner = new Resource("inner")) {
            inner.use();
        }
        try (Resource x = new Resource("x"); Resource y = new Resource("y"); Resource z = new Resource("z")) {
            y.use();
            throw new UnsupportedOperationException("thrown inside the block");
        }
    }
}
