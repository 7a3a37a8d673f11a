package lichen.usertest;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SuiteTest {
    @Test
    void hasUniqueSnakeCaseNames() {
        TestList tests = Suite.all();
        assertTrue(tests.size() >= 40, "at least 40 tests, got " + tests.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tests.size(); i++) {
            String name = tests.get(i).name();
            assertTrue(name.matches("[a-z][a-z0-9_]*"), name);
            assertTrue(names.add(name), "twice: " + name);
        }
    }

    @Test
    void everyQemuUserGapIsATest() {
        TestList tests = Suite.all();
        for (String name : QemuUserGaps.names()) {
            assertNotNull(tests.find(name), name);
            assertNotNull(QemuUserGaps.reason(name));
        }
        assertNull(QemuUserGaps.reason("openat_missing_enoent"));
    }

    @Test
    void refusesADuplicateNameAndGrows() {
        TestList list = new TestList();
        for (int i = 0; i < 200; i++) {
            list.add("t" + i, c -> { });
        }
        assertEquals(200, list.size());
        assertEquals("t150", list.get(150).name());
        assertThrows(IllegalArgumentException.class, () -> list.add("t7", c -> { }));
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(200));
    }

    @Test
    void childModesAnswerThroughTheExitStatus() {
        assertEquals(42, ChildModes.run(new String[] {"--child", "exit", "42"}));
        assertEquals(100, ChildModes.run(new String[] {"--child", "exit", "256"}));
        assertEquals(100, ChildModes.run(new String[] {"--child", "exit", "4x"}));
        assertEquals(100, ChildModes.run(new String[] {"--child", "exit", "99999999999"}));
        assertEquals(3, ChildModes.run(new String[] {"--child", "argc", "a", "b", "c"}));
        assertEquals(100, ChildModes.run(new String[] {"--child", "what"}));
    }
}
