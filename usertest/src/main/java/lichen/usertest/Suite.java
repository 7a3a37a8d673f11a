package lichen.usertest;

import lichen.usertest.tests.DescriptorTests;
import lichen.usertest.tests.DirectoryTests;
import lichen.usertest.tests.FileTests;
import lichen.usertest.tests.ExecTests;
import lichen.usertest.tests.MemoryTests;
import lichen.usertest.tests.NameTests;
import lichen.usertest.tests.PipeTests;
import lichen.usertest.tests.ProcessTests;
import lichen.usertest.tests.TimeTests;

/** Every test, in the order they run. A new test class registers here. */
public final class Suite {
    private Suite() {}

    public static TestList all() {
        TestList list = new TestList();
        FileTests.register(list);
        DescriptorTests.register(list);
        DirectoryTests.register(list);
        NameTests.register(list);
        PipeTests.register(list);
        ProcessTests.register(list);
        ExecTests.register(list);
        MemoryTests.register(list);
        TimeTests.register(list);
        return list;
    }
}
