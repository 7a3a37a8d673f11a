package lichen.libkernel.tty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** c_oflag's translations: ONLCR and OCRNL under OPOST, nothing without it. */
class OutputProcessingTest {
    private static String through(Termios t, String s) {
        StringBuilder b = new StringBuilder();
        byte[] out = new byte[OutputProcessing.MAX_EXPANSION];
        for (char c : s.toCharArray()) {
            int n = OutputProcessing.expand(t, c, out);
            for (int i = 0; i < n; i++) b.append((char) out[i]);
        }
        return b.toString();
    }

    @Test
    void defaultSettingsSendNewlineAsCarriageReturnNewline() {
        assertEquals("a\r\nb\r", through(new Termios(), "a\nb\r"));
    }

    @Test
    void ocrnlSendsCarriageReturnAsNewline() {
        Termios t = new Termios();
        t.bytes()[4] = (byte) (Termios.OPOST | Termios.OCRNL);
        assertEquals("a\nb\n", through(t, "a\nb\r"));
    }

    @Test
    void withoutOpostBytesPassAsTheyAre() {
        Termios t = new Termios();
        t.bytes()[4] = (byte) Termios.ONLCR;
        assertEquals("a\nb\r", through(t, "a\nb\r"));
    }
}
