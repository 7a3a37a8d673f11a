package lichen.usertest;

/** The suite's tests in registration order (a growable array: the subset has no java.util lists). */
public final class TestList {
    private TestCase[] tests = new TestCase[64];
    private int count;

    public void add(String name, TestBody body) {
        if (find(name) != null) {
            throw new IllegalArgumentException("two tests named " + name);
        }
        if (count == tests.length) {
            TestCase[] bigger = new TestCase[count * 2];
            System.arraycopy(tests, 0, bigger, 0, count);
            tests = bigger;
        }
        tests[count++] = new TestCase(name, body);
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
}
