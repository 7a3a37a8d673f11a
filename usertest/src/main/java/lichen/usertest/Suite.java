package lichen.usertest;

import lichen.usertest.tests.DescriptorTests;
import lichen.usertest.tests.DirectoryTests;
import lichen.usertest.tests.FileTests;
import lichen.usertest.tests.NameTests;

/** Every test, in the order they run. A new test class registers here. */
public final class Suite {
    private Suite() {}

    public static TestList all() {
        TestList list = new TestList();
        FileTests.register(list);
        DescriptorTests.register(list);
        DirectoryTests.register(list);
        NameTests.register(list);
        return list;
    }
}
