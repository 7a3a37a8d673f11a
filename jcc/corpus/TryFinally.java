/** try/finally: finally runs on normal exit, return, break and continue; a finally's return wins; nesting order. */
public class TryFinally {
    static StringBuilder log;

    static int early(int x) {
        try {
            if (x > 0) return x * 2;
            log.append("[no early]");
        } finally {
            log.append("[finally ").append(x).append(']');
        }
        return -1;
    }

    @SuppressWarnings("finally")
    static int overriding() {
        try {
            return 1;
        } finally {
            return 2;
        }
    }

    static int valueKept() {
        int v = 10;
        try {
            return v;
        } finally {
            v = 20;
            log.append("[v=").append(v).append(']');
        }
    }

    static void loops() {
        for (int i = 0; i < 5; i++) {
            try {
                if (i == 1) continue;
                if (i == 3) break;
                log.append("body").append(i).append(' ');
            } finally {
                log.append("fin").append(i).append(' ');
            }
        }
    }

    static void nested() {
        try {
            try {
                log.append("inner ");
            } finally {
                log.append("inner-finally ");
            }
            log.append("between ");
        } finally {
            log.append("outer-finally");
        }
    }

    static void throwing(int depth) {
        try {
            if (depth == 0) throw new IllegalStateException("bottom reached");
            throwing(depth - 1);
        } finally {
            System.out.println("unwinding " + depth);
        }
    }

    public static void main(String[] args) {
        log = new StringBuilder();
        System.out.println(early(5) + " " + early(0));
        System.out.println(overriding() + " " + valueKept());
        loops();
        nested();
        System.out.println(log);
        throwing(3);
    }
}
