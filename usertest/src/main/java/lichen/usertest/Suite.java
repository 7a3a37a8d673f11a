package lichen.usertest;

import lichen.usertest.tests.FileTests;

/** Every test, in the order they run. A new test class registers here. */
public final class Suite {
    private Suite() {}

    public static TestList all() {
        TestList list = new TestList();
        FileTests.register(list);
        return list;
    }
}
