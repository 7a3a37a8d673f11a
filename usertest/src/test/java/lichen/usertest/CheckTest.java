package lichen.usertest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CheckTest {
    @Test
    void passesUntilAComparisonFails() {
        Check c = new Check("/tmp/s");
        assertTrue(c.fails(9, -9, "close"));
        assertTrue(c.returned(3, 3, "read"));
        assertTrue(c.succeeded(0, "mkdirat"));
        assertTrue(c.passed());
        assertNull(c.failure());
        assertEquals("/tmp/s/f", c.path("f"));
    }

    @Test
    void keepsTheFirstFailureWithBothValues() {
        Check c = new Check("/tmp/s");
        assertFalse(c.fails(9, 3, "dup3(fd, fd)"));
        assertFalse(c.returned(5, -2, "read"));
        assertFalse(c.passed());
        assertEquals("dup3(fd, fd): expected -EBADF, got 3", c.failure());
    }

    @Test
    void namesTheErrnoOfAnUnexpectedFailure() {
        Check c = new Check("/tmp/s");
        assertFalse(c.succeeded(-2, "openat"));
        assertEquals("openat failed with -ENOENT", c.failure());
        Check d = new Check("/tmp/s");
        assertFalse(d.returned(4, -14, "write"));
        assertEquals("write: expected 4, got -EFAULT", d.failure());
        Check e = new Check("/tmp/s");
        assertFalse(e.fails(14, -22, "nanosleep"));
        assertEquals("nanosleep: expected -EFAULT, got -EINVAL", e.failure());
    }

    @Test
    void comparesBytesAndStrings() {
        Check c = new Check("/tmp/s");
        assertTrue(c.equalBytes(new byte[] {1, 2, 3}, new byte[] {1, 2, 4}, 2, "prefix"));
        assertFalse(c.equalBytes(new byte[] {1, 2, 3}, new byte[] {1, 2, 4}, 3, "all"));
        assertEquals("all: byte 2 is 4, expected 3", c.failure());
        Check d = new Check("/tmp/s");
        assertFalse(d.equal("Linux", "linux", "sysname"));
        assertEquals("sysname: expected \"Linux\", got \"linux\"", d.failure());
    }
}
