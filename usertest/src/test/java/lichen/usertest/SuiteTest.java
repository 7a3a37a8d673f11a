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
    void everyTestHasAGroupAndGroupsAreListedOnce() {
        TestList tests = Suite.all();
        String[] groups = tests.groups();
        assertArrayEquals(new String[] {"file", "lock", "descriptor", "directory", "name", "pipe", "socket", "poll", "epoll", "process", "exec",
                                        "signal", "jobcontrol", "ptrace", "futex", "memory", "tty", "time", "system", "proc"}, groups);
        for (int i = 0; i < tests.size(); i++) {
            assertTrue(tests.isGroup(tests.get(i).group()), tests.get(i).name());
        }
        assertEquals("system", tests.find("uname_linux_aarch64").group());
        assertEquals("process", tests.find("clone_vfork_then_execve_bin_true").group());
        assertEquals("socket", tests.find("unix_socketpair_stream_both_ways_eof_after_close").group());
    }

    @Test
    void wordsSelectGroupsAndNamePrefixes() {
        TestList tests = new TestList();
        tests.beginGroup("process");
        tests.add("wait4_a", c -> { });
        tests.add("clone_b", c -> { });
        tests.beginGroup("memory");
        tests.add("mmap_c", c -> { });
        tests.add("clone_d", c -> { });
        tests.add("process_e", c -> { });
        Selection all = new Selection(tests, new String[0], 0);
        assertTrue(all.selects(tests.get(0)) && all.selects(tests.get(3)));
        assertNull(all.unmatched());

        Selection byGroup = new Selection(tests, new String[] {"memory"}, 1);
        assertFalse(byGroup.selects(tests.get(0)));
        assertTrue(byGroup.selects(tests.get(2)));
        assertTrue(byGroup.selects(tests.get(3)));

        Selection groupNotPrefix = new Selection(tests, new String[] {"process"}, 1);
        assertTrue(groupNotPrefix.selects(tests.get(1)));
        assertFalse(groupNotPrefix.selects(tests.get(4)), "a group's name is not also a prefix");

        Selection byPrefix = new Selection(tests, new String[] {"clone", "wait4_a", null}, 2);
        assertTrue(byPrefix.selects(tests.get(0)));
        assertTrue(byPrefix.selects(tests.get(1)));
        assertFalse(byPrefix.selects(tests.get(2)));
        assertTrue(byPrefix.selects(tests.get(3)));

        Selection typo = new Selection(tests, new String[] {"process", "mmapp"}, 2);
        assertEquals("mmapp", typo.unmatched());
        assertArrayEquals(new String[] {"process", "memory"}, tests.groups());
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
