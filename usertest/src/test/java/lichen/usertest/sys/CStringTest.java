package lichen.usertest.sys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class CStringTest {
    @Test
    void isUtf8FollowedByOneNul() {
        for (String s : new String[] {"", "/tmp/usertest.42/f", "caf\u00e9", "\u20ac/\u00ff\u0100", "\u07ff\u0800"}) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            byte[] c = CString.of(s);
            assertEquals(utf8.length + 1, c.length, s);
            assertArrayEquals(utf8, Arrays.copyOf(c, utf8.length), s);
            assertEquals(0, c[utf8.length], s);
        }
    }

    @Test
    void decodesUpToTheNulOrTheLimit() {
        byte[] b = {'l', 'i', 'n', 'u', 'x', 0, 'j', 'u', 'n', 'k'};
        assertEquals("linux", CString.decodeUntilNul(b, 0, 10));
        assertEquals("lin", CString.decodeUntilNul(b, 0, 3));
        assertEquals("junk", CString.decodeUntilNul(b, 6, 65), "the array's end stops it too");
        assertEquals("nux", CString.decode(b, 2, 3));
    }
}
