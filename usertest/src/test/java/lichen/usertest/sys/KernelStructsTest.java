package lichen.usertest.sys;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class KernelStructsTest {
    @Test
    void timespecIsTwoLittleEndianLongs() {
        Timespec t = Timespec.ofNanos(3_250_000_001L);
        assertEquals(new Timespec(3, 250_000_001L), t);
        ByteBuffer b = ByteBuffer.wrap(t.encode()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(3, b.getLong(0));
        assertEquals(250_000_001L, b.getLong(8));
        assertEquals(t, Timespec.decode(t.encode()));
        assertEquals(3_250_000_001L, t.toNanos());
    }

    @Test
    void utsnameFieldsAreSixtyFiveBytesApart() {
        byte[] b = new byte[Utsname.SIZE];
        String[] values = {"Linux", "guest", "6.1.0-28-arm64", "#1 SMP Debian", "aarch64", "(none)"};
        for (int i = 0; i < values.length; i++) {
            byte[] v = values[i].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(v, 0, b, 65 * i, v.length);
        }
        Utsname u = Utsname.decode(b);
        assertEquals(new Utsname("Linux", "guest", "6.1.0-28-arm64", "#1 SMP Debian", "aarch64", "(none)"), u);
    }

    @Test
    void aFullLengthUtsnameFieldStopsAtItsEnd() {
        byte[] b = new byte[Utsname.SIZE];
        java.util.Arrays.fill(b, 0, 65, (byte) 'x');   // no NUL in sysname
        b[65] = 'n';
        assertEquals("x".repeat(65), Utsname.decode(b).sysname());
        assertEquals("n", Utsname.decode(b).nodename());
    }

    @Test
    void littleEndianRoundTrips() {
        byte[] b = new byte[8];
        LittleEndian.put64(b, 0, 0x8877665544332211L);
        assertEquals(0x11, b[0]);
        assertEquals(0x8877665544332211L, LittleEndian.u64(b, 0));
        assertEquals(0x44332211, LittleEndian.u32(b, 0));
        assertEquals(0x2211, LittleEndian.u16(b, 0));
        assertEquals(0x88, LittleEndian.u8(b, 7));
    }
}
