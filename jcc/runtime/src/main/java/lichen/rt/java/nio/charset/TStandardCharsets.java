package lichen.rt.java.nio.charset;

import java.nio.charset.Charset;
import lichen.rt.StringCoding;

/** java.nio.charset.StandardCharsets for the charsets the runtime provides (no UTF-16 variants): the JDK's on the JVM, TCharset's in compiled code. */
public final class TStandardCharsets {
    private TStandardCharsets() {}

    public static final Charset US_ASCII = Charset.forName(StringCoding.US_ASCII);
    public static final Charset ISO_8859_1 = Charset.forName(StringCoding.ISO_8859_1);
    public static final Charset UTF_8 = Charset.forName(StringCoding.UTF_8);
}
