package lichen.usertest;

import lichen.usertest.sys.Errno;

/**
 * A test's verdict, and the comparisons that make it. The first failed
 * comparison is kept as the reason; later ones are ignored, so a test may go
 * on to clean up after a failure. Every method returns whether its
 * comparison held, so a test can stop when what follows depends on it.
 */
public final class Check {
    private final String scratch;
    private String failure;

    /** {@code scratch} is the test's own empty directory, which the runner removes afterwards. */
    public Check(String scratch) {
        this.scratch = scratch;
    }

    /** The absolute path of {@code name} inside this test's scratch directory. */
    public String path(String name) {
        return scratch + "/" + name;
    }

    public String scratch() {
        return scratch;
    }

    public boolean passed() {
        return failure == null;
    }

    /** Why the test failed, or null. */
    public String failure() {
        return failure;
    }

    public boolean fail(String why) {
        if (failure == null) {
            failure = why;
        }
        return false;
    }

    public boolean isTrue(boolean condition, String what) {
        return condition || fail(what);
    }

    public boolean equal(long expected, long actual, String what) {
        return expected == actual || fail(what + ": expected " + expected + ", got " + actual);
    }

    public boolean equal(String expected, String actual, String what) {
        if (expected == null ? actual == null : expected.equals(actual)) {
            return true;
        }
        return fail(what + ": expected \"" + expected + "\", got \"" + actual + "\"");
    }

    public boolean equalBytes(byte[] expected, byte[] actual, int len, String what) {
        for (int i = 0; i < len; i++) {
            if (expected[i] != actual[i]) {
                return fail(what + ": byte " + i + " is " + (actual[i] & 0xff) + ", expected " + (expected[i] & 0xff));
            }
        }
        return true;
    }

    /** A system call succeeded (returned a non-error value). */
    public boolean succeeded(long result, String what) {
        return !Errno.isError(result) || fail(what + " failed with " + Errno.describe(result));
    }

    /** A system call returned exactly {@code expected} (a count, a descriptor, a pid). */
    public boolean returned(long expected, long result, String what) {
        return result == expected || fail(what + ": expected " + expected + ", got " + Errno.describe(result));
    }

    /** A system call failed with {@code -errno}. */
    public boolean fails(int errno, long result, String what) {
        if (result == -errno) {
            return true;
        }
        return fail(what + ": expected -" + Errno.name(errno) + ", got " + Errno.describe(result));
    }
}
