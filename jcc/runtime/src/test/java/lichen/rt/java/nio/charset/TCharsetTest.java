package lichen.rt.java.nio.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

/** Charset.forName's names and aliases, against the JDK's. */
class TCharsetTest {
    @Test
    void namesAndAliasesCanonicaliseAsTheJdkDoes() {
        String[] names = {"UTF-8", "utf-8", "UTF8", "unicode-1-1-utf-8", "ISO-8859-1", "iso8859-1", "ISO8859_1", "ISO_8859_1",
            "ISO_8859-1", "8859_1", "latin1", "L1", "cp819", "IBM819", "US-ASCII", "ascii", "us", "ISO646-US", "cp367", "IBM367",
            "646", "ANSI_X3.4-1968"};
        for (String n : names) assertEquals(Charset.forName(n).name(), TCharset.canonicalName(n), n);
    }

    @Test
    void otherCharsetsAreNotProvided() {
        assertNull(TCharset.canonicalName("UTF-16"));
        assertNull(TCharset.canonicalName("windows-1252"));
    }
}
