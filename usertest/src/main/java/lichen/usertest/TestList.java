package lichen.usertest;

/**
 * The suite's tests in registration order, each in the group that was
 * current when it was added (a growable array: the subset has no java.util lists).
 */
public final class TestList {
    private TestCase[] tests = new TestCase[64];
    private int count;
    private String group = "ungrouped";

    /** Tests added from now on belong to {@code name}. */
    public void beginGroup(String name) {
        group = name;
    }

    public void add(String name, TestBody body) {
        if (find(name) != null) {
            throw new IllegalArgumentException("two tests named " + name);
        }
        if (count == tests.length) {
            TestCase[] bigger = new TestCase[count * 2];
            System.arraycopy(tests, 0, bigger, 0, count);
            tests = bigger;
        }
        tests[count++] = new TestCase(name, group, body);
    }

    public int size() {
        return count;
    }

    public TestCase get(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("test " + i + " of " + count);
        }
        return tests[i];
    }

    public TestCase find(String name) {
        for (int i = 0; i < count; i++) {
            if (tests[i].name().equals(name)) {
                return tests[i];
            }
        }
        return null;
    }

    /** The groups, each once, in the order of their first test. */
    public String[] groups() {
        String[] seen = new String[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (!isGroup(seen, n, tests[i].group())) {
                seen[n++] = tests[i].group();
            }
        }
        return java.util.Arrays.copyOf(seen, n);
    }

    public boolean isGroup(String name) {
        for (int i = 0; i < count; i++) {
            if (tests[i].group().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGroup(String[] names, int n, String name) {
        for (int i = 0; i < n; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        return false;
    }
}
