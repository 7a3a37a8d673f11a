package lichen.libkernel.tty;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line discipline against what n_tty does with the same keys and settings (man 3 termios). */
class LineDisciplineTest {
    final StringBuilder screen = new StringBuilder();
    final List<Integer> signals = new ArrayList<>();
    final Termios termios = new Termios();
    final LineDiscipline ld = new LineDiscipline(termios, b -> screen.append((char) b), signals::add);

    void type(String keys) {
        for (int i = 0; i < keys.length(); i++) ld.receive(keys.charAt(i));
    }

    String read(int len) {
        byte[] b = new byte[len];
        int n = ld.read(b, 0, len);
        return new String(b, 0, n);
    }

    @Test
    void canonicalModeReadsWholeLinesOnlyAndEchoes() {
        type("echo hi");
        assertFalse(ld.readable(100), "no line yet");
        type("\r");
        assertTrue(ld.readable(100));
        assertEquals("echo hi\n", read(100), "ICRNL made the carriage return a newline");
        assertEquals("echo hi\n", screen.toString());
        assertFalse(ld.readable(100));
    }

    @Test
    void aShortReadLeavesTheRestOfTheLine() {
        type("abcdef\n");
        assertEquals("abc", read(3));
        assertEquals("def\n", read(10));
    }

    @Test
    void eraseKillAndWordEraseEditTheLineAndTheScreen() {
        type("helo\u007flo");
        type(" wor\u0017world\n");
        assertEquals("hello world\n", read(100));
        type("junk\u0015ok\n");
        assertEquals("ok\n", read(100), "VKILL dropped the line typed so far");
        assertTrue(screen.toString().contains("\b \b"), "ECHOE erased on the screen");
    }

    @Test
    void eofEndsALineWithoutAByteAndAloneReadsAsEndOfFile() {
        type("abc\u0004");
        assertEquals("abc", read(100));
        type("\u0004");
        assertTrue(ld.readable(100));
        assertEquals(0, ld.read(new byte[10], 0, 10), "an empty line ended by VEOF: end of file");
        assertFalse(ld.readable(100));
    }

    @Test
    void interruptSignalsTheGroupFlushesAndEchoesCaret() {
        type("partial\u0003");
        assertEquals(List.of(2), signals);
        assertTrue(screen.toString().endsWith("^C"));
        type("x\n");
        assertEquals("x\n", read(100), "the partial line was flushed");
        type("\u001c\u001a");
        assertEquals(List.of(2, 3, 20), signals, "VQUIT and VSUSP");
    }

    @Test
    void rawModeGivesBytesAtOnceWithoutEchoOrSignals() {
        termios.setLflag(termios.lflag() & ~(Termios.ICANON | Termios.ECHO | Termios.ISIG));
        type("a\u0003\u007f");
        assertTrue(ld.readable(1));
        assertEquals("a\u0003\u007f", read(10));
        assertEquals("", screen.toString());
        assertTrue(signals.isEmpty());
    }

    @Test
    void vminDecidesWhenARawReadMayReturn() {
        termios.setLflag(termios.lflag() & ~Termios.ICANON);
        termios.setCc(Termios.VMIN, 3);
        type("ab");
        assertFalse(ld.readable(10), "two of VMIN's three");
        assertTrue(ld.readable(2), "a read of two needs only two");
        type("c");
        assertTrue(ld.readable(10));
    }

    @Test
    void echoctlShowsControlCharactersAndEraseTakesBothColumns() {
        type("a\u0001");
        assertEquals("a^A", screen.toString());
        type("\u007f");
        assertEquals("a^A\b \b\b \b", screen.toString());
        type("\n");
        assertEquals("a\n", read(10));
    }

    @Test
    void literalNextTakesAnEditingCharacterAsData() {
        type("a\u0016\u007fb\n");
        assertEquals("a\u007fb\n", read(10));
    }

    @Test
    void withoutIcrnlACarriageReturnDoesNotEndALine() {
        termios.setIflag(termios.iflag() & ~Termios.ICRNL);
        type("a\r");
        assertFalse(ld.readable(10));
        type("\n");
        assertEquals("a\r\n", read(10));
    }

    @Test
    void aFullBufferKeepsRoomForTheNewline() {
        for (int i = 0; i < LineDiscipline.CAPACITY + 10; i++) ld.receive('x');
        ld.receive('\n');
        assertEquals(LineDiscipline.CAPACITY, ld.available(), "4095 bytes and the newline");
    }

    @Test
    void roomIsTheFreeSpaceAndZeroOnlyWhenLinesOrRawInputFillIt() {
        assertEquals(LineDiscipline.CAPACITY - 1, ld.room(), "canonical: one byte kept for the line's end");
        for (int i = 0; i < LineDiscipline.CAPACITY + 10; i++) ld.receive('x');
        assertEquals(1, ld.room(), "a full buffer with no complete line still takes input (dropped), so a newline can end it");
        ld.receive('\n');
        assertEquals(0, ld.room(), "full of a complete line: a writer waits for the read");
        read(LineDiscipline.CAPACITY);
        assertEquals(LineDiscipline.CAPACITY - 1, ld.room(), "read: room again");
        termios.setLflag(termios.lflag() & ~Termios.ICANON);
        for (int i = 0; i < LineDiscipline.CAPACITY; i++) ld.receive('y');
        assertEquals(0, ld.room(), "raw input that fills the buffer");
        read(100);
        assertEquals(100, ld.room());
    }
}
