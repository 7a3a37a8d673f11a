package lichen.rt.java.nio.charset;

import java.nio.charset.Charset;
import lichen.rt.StringCoding;

/**
 * java.nio.charset.Charset in compiled code: a name, for the three charsets
 * the runtime encodes and decodes ({@link lichen.rt.StringCoding}): UTF-8, ISO-8859-1 and
 * US-ASCII, as {@code StandardCharsets} and {@code forName} give them. No
 * encoders or decoders. Equal by name, as the JDK's charsets are.
 */
public final class TCharset implements Comparable<Charset> {
    private final String name;

    private TCharset(String name) {
        this.name = name;
    }

    /**
     * The charset named {@code name} or one of its common aliases, in any case (UTF8, latin1,
     * ISO8859_1, ASCII, ...); any other name is an IllegalArgumentException naming it (the JDK
     * throws its subclass UnsupportedCharsetException, which the runtime does not provide).
     */
    public static Charset forName(String name) {
        String canonical = canonicalName(name);
        if (canonical == null) throw new IllegalArgumentException(name);
        Object c = new TCharset(canonical);
        return (Charset) c;
    }

    /** The canonical name of {@code name} if it names a charset the runtime provides, else null. */
    static String canonicalName(String name) {
        String n = name.toUpperCase();
        return switch (n) {
            case "UTF-8", "UTF8", "UNICODE-1-1-UTF-8" -> StringCoding.UTF_8;
            case "ISO-8859-1", "ISO8859-1", "ISO8859_1", "ISO_8859_1", "ISO_8859-1", "8859_1", "LATIN1", "L1", "CP819", "IBM819"
                    -> StringCoding.ISO_8859_1;
            case "US-ASCII", "ASCII", "US", "ISO646-US", "CP367", "IBM367", "646", "ANSI_X3.4-1968" -> StringCoding.US_ASCII;
            default -> null;
        };
    }

    public String name() { return name; }

    public String displayName() { return name; }

    public boolean canEncode() { return true; }

    @Override
    public String toString() { return name; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        return o instanceof Charset c && c.name().equals(name);
    }

    @Override
    public int hashCode() { return name.hashCode(); }

    @Override
    public int compareTo(Charset other) { return name.compareToIgnoreCase(other.name()); }
}
