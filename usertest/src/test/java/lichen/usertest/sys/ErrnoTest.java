package lichen.usertest.sys;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.*;

class ErrnoTest {
    @Test
    void everyConstantIsNamedAfterItself() throws IllegalAccessException {
        int count = 0;
        for (Field f : Errno.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                assertEquals(f.getName(), Errno.name(f.getInt(null)));
                count++;
            }
        }
        assertEquals(59, count);
    }

    @Test
    void describesResults() {
        assertEquals("-ENOENT", Errno.describe(-2));
        assertEquals("-EFAULT", Errno.describe(-14));
        assertEquals("-errno 4000", Errno.describe(-4000));
        assertEquals("3", Errno.describe(3));
        assertEquals("-4096", Errno.describe(-4096), "below -4095 is a value, not an error");
        assertTrue(Errno.isError(-4095));
        assertFalse(Errno.isError(0));
        assertFalse(Errno.isError(-4096));
    }
}
