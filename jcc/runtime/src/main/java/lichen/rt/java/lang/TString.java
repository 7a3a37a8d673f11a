package lichen.rt.java.lang;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import lichen.rt.CharSearch;
import lichen.rt.Host;
import lichen.rt.StringCoding;

/**
 * java.lang.String in compiled code: an immutable array of UTF-16 chars.
 * jcc builds string literals with exactly these two fields, in this order.
 *
 * <p>Methods reach other strings through the public String API, so that they
 * run unchanged on the JVM (where those strings are the JDK's) and tests can
 * compare them with the JDK. Where the JDK returns {@code this}, this class
 * does too in compiled code; on the JVM it returns an equal JDK string.
 */
public final class TString implements CharSequence, Comparable<String> {
    private final char[] value;
    private int hash;

    public TString() {
        this.value = new char[0];
    }

    public TString(char[] value) {
        this.value = copy(value, 0, value.length);
    }

    public TString(char[] value, int offset, int count) {
        checkOffsetCount(offset, count, value.length);
        this.value = copy(value, offset, count);
    }

    public TString(String original) {
        this.value = original.toCharArray();
    }

    public TString(StringBuilder builder) {
        this.value = builder.toString().toCharArray();
    }

    /** The bytes decoded as UTF-8, the default charset (JEP 400). */
    public TString(byte[] bytes) {
        this(bytes, 0, bytes.length, StandardCharsets.UTF_8);
    }

    public TString(byte[] bytes, int offset, int length) {
        this(bytes, offset, length, StandardCharsets.UTF_8);
    }

    public TString(byte[] bytes, Charset charset) {
        this(bytes, 0, bytes.length, charset);
    }

    /** {@code bytes[offset..offset+length)} decoded; what the charset cannot decode becomes U+FFFD ({@link StringCoding}). */
    public TString(byte[] bytes, int offset, int length, Charset charset) {
        String name = charset.name();
        checkOffsetCount(offset, length, bytes.length);
        this.value = charsOf(StringCoding.decode(name, bytes, offset, length));
    }

    /** Takes ownership of {@code chars} without copying. */
    private TString(char[] chars, boolean adopt) {
        this.value = chars;
    }

    /** A String whose chars are {@code chars}, which the caller gives up. */
    static String adopt(char[] chars) {
        if (Host.isJvm()) {
            return new String(chars);
        }
        Object s = new TString(chars, true);
        return (String) s;
    }

    /** The chars of {@code s}, to read only: the backing array in compiled code, a copy on the JVM. */
    static char[] charsOf(String s) {
        Object o = s;
        if (o instanceof TString t) {
            return t.value;
        }
        return s.toCharArray();
    }

    /** This string as a String: itself in compiled code, an equal JDK string on the JVM. */
    private String self() {
        Object o = this;
        if (o instanceof String s) {
            return s;
        }
        return new String(value);
    }

    private static char[] copy(char[] src, int from, int count) {
        char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = src[from + i];
        }
        return out;
    }

    static void checkOffsetCount(int offset, int count, int length) {
        if ((offset | count) < 0 || offset > length - count) {
            throw new StringIndexOutOfBoundsException(
                    "Range [" + offset + ", " + offset + " + " + count + ") out of bounds for length " + length);
        }
    }

    static void checkBeginEnd(int begin, int end, int length) {
        if (begin < 0 || begin > end || end > length) {
            throw new StringIndexOutOfBoundsException(
                    "Range [" + begin + ", " + end + ") out of bounds for length " + length);
        }
    }

    static void checkIndex(int index, int length) {
        if (index < 0 || index >= length) {
            throw new StringIndexOutOfBoundsException("Index " + index + " out of bounds for length " + length);
        }
    }

    /** This string in UTF-8, the default charset (JEP 400). */
    public byte[] getBytes() {
        return StringCoding.encode(StringCoding.UTF_8, value, value.length);
    }

    /** This string in {@code charset}; what it cannot hold becomes '?' ({@link StringCoding}). */
    public byte[] getBytes(Charset charset) {
        return StringCoding.encode(charset.name(), value, value.length);
    }

    public int length() {
        return value.length;
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    public boolean isBlank() {
        return indexOfNonWhitespace() == value.length;
    }

    public char charAt(int index) {
        checkIndex(index, value.length);
        return value[index];
    }

    public int codePointAt(int index) {
        checkIndex(index, value.length);
        char c = value[index];
        if (Character.isHighSurrogate(c) && index + 1 < value.length && Character.isLowSurrogate(value[index + 1])) {
            return Character.toCodePoint(c, value[index + 1]);
        }
        return c;
    }

    public void getChars(int srcBegin, int srcEnd, char[] dst, int dstBegin) {
        checkBeginEnd(srcBegin, srcEnd, value.length);
        checkOffsetCount(dstBegin, srcEnd - srcBegin, dst.length);
        for (int i = srcBegin; i < srcEnd; i++) {
            dst[dstBegin++] = value[i];
        }
    }

    public char[] toCharArray() {
        return copy(value, 0, value.length);
    }

    public boolean equals(Object other) {
        if ((Object) this == other) {
            return true;
        }
        if (!(other instanceof String s)) {
            return false;
        }
        char[] o = charsOf(s);
        return o.length == value.length && CharSearch.regionMatches(value, 0, o, 0, o.length);
    }

    public boolean equalsIgnoreCase(String other) {
        if (other == null || other.length() != value.length) {
            return false;
        }
        return compareToIgnoreCase(other) == 0;
    }

    /** The JVM's hash: s[0]*31^(n-1) + ... + s[n-1], cached (String.hashCode javadoc). */
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (char c : value) {
                h = 31 * h + c;
            }
            hash = h;
        }
        return h;
    }

    public int compareTo(String other) {
        char[] o = charsOf(other);
        int n = Math.min(value.length, o.length);
        for (int i = 0; i < n; i++) {
            if (value[i] != o[i]) {
                return value[i] - o[i];
            }
        }
        return value.length - o.length;
    }

    /** Compares after folding each char to upper and then lower case, as the JDK does. */
    public int compareToIgnoreCase(String other) {
        char[] o = charsOf(other);
        int n = Math.min(value.length, o.length);
        for (int i = 0; i < n; i++) {
            char a = value[i];
            char b = o[i];
            if (a != b) {
                a = Character.toLowerCase(Character.toUpperCase(a));
                b = Character.toLowerCase(Character.toUpperCase(b));
                if (a != b) {
                    return a - b;
                }
            }
        }
        return value.length - o.length;
    }

    public boolean startsWith(String prefix, int offset) {
        char[] p = charsOf(prefix);
        if (offset < 0 || offset > value.length - p.length) {
            return false;
        }
        return CharSearch.regionMatches(value, offset, p, 0, p.length);
    }

    public boolean startsWith(String prefix) {
        return startsWith(prefix, 0);
    }

    public boolean endsWith(String suffix) {
        return startsWith(suffix, value.length - suffix.length());
    }

    public int indexOf(int ch) {
        return CharSearch.indexOf(value, value.length, ch, 0);
    }

    public int indexOf(int ch, int fromIndex) {
        return CharSearch.indexOf(value, value.length, ch, fromIndex);
    }

    public int lastIndexOf(int ch) {
        return CharSearch.lastIndexOf(value, value.length, ch, value.length - 1);
    }

    public int lastIndexOf(int ch, int fromIndex) {
        return CharSearch.lastIndexOf(value, value.length, ch, fromIndex);
    }

    public int indexOf(String str) {
        return indexOf(str, 0);
    }

    public int indexOf(String str, int fromIndex) {
        char[] t = charsOf(str);
        return CharSearch.indexOf(value, value.length, t, t.length, fromIndex);
    }

    public int lastIndexOf(String str) {
        return lastIndexOf(str, value.length);
    }

    public int lastIndexOf(String str, int fromIndex) {
        char[] t = charsOf(str);
        return CharSearch.lastIndexOf(value, value.length, t, t.length, fromIndex);
    }

    public boolean contains(CharSequence s) {
        return indexOf(s.toString()) >= 0;
    }

    public String substring(int beginIndex) {
        return substring(beginIndex, value.length);
    }

    public String substring(int beginIndex, int endIndex) {
        checkBeginEnd(beginIndex, endIndex, value.length);
        if (beginIndex == 0 && endIndex == value.length) {
            return self();
        }
        return adopt(copy(value, beginIndex, endIndex - beginIndex));
    }

    public CharSequence subSequence(int beginIndex, int endIndex) {
        return substring(beginIndex, endIndex);
    }

    public String concat(String str) {
        char[] t = charsOf(str);
        if (t.length == 0) {
            return self();
        }
        char[] out = new char[value.length + t.length];
        System.arraycopy(value, 0, out, 0, value.length);
        System.arraycopy(t, 0, out, value.length, t.length);
        return adopt(out);
    }

    public String replace(char oldChar, char newChar) {
        int first = indexOf(oldChar);
        if (oldChar == newChar || first < 0) {
            return self();
        }
        char[] out = toCharArray();
        for (int i = first; i < out.length; i++) {
            if (out[i] == oldChar) {
                out[i] = newChar;
            }
        }
        return adopt(out);
    }

    /** Replaces each occurrence of {@code target}, left to right; an empty target matches between every char. */
    public String replace(CharSequence target, CharSequence replacement) {
        String t = target.toString();
        String r = replacement.toString();
        int at = indexOf(t);
        if (at < 0) {
            return self();
        }
        StringBuilder sb = new StringBuilder(value.length + 16);
        int from = 0;
        while (at >= 0) {
            sb.append(value, from, at - from).append(r);
            if (t.isEmpty()) {
                if (at == value.length) {
                    return sb.toString();
                }
                sb.append(value[at]);
                from = at + 1;
                at = from;
            } else {
                from = at + t.length();
                at = indexOf(t, from);
            }
        }
        return sb.append(value, from, value.length - from).toString();
    }

    /** Removes chars up to and including ' ' from both ends (String.trim javadoc). */
    public String trim() {
        int begin = 0;
        int end = value.length;
        while (begin < end && value[begin] <= ' ') {
            begin++;
        }
        while (end > begin && value[end - 1] <= ' ') {
            end--;
        }
        return substring(begin, end);
    }

    /** Removes Character.isWhitespace chars from both ends. */
    public String strip() {
        int begin = indexOfNonWhitespace();
        return substring(begin, Math.max(begin, lastIndexOfNonWhitespace() + 1));
    }

    public String stripLeading() {
        return substring(indexOfNonWhitespace());
    }

    public String stripTrailing() {
        return substring(0, lastIndexOfNonWhitespace() + 1);
    }

    private int indexOfNonWhitespace() {
        int i = 0;
        while (i < value.length && Character.isWhitespace(value[i])) {
            i++;
        }
        return i;
    }

    private int lastIndexOfNonWhitespace() {
        int i = value.length - 1;
        while (i >= 0 && Character.isWhitespace(value[i])) {
            i--;
        }
        return i;
    }

    public String repeat(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count is negative: " + count);
        }
        if (count == 1) {
            return self();
        }
        int n = value.length;
        if (n != 0 && count > Integer.MAX_VALUE / n) {
            throw new OutOfMemoryError("Required length exceeds implementation limit");
        }
        char[] out = new char[n * count];
        for (int k = 0; k < count; k++) {
            System.arraycopy(value, 0, out, k * n, n);
        }
        return adopt(out);
    }

    /** Upper case of each char by Character.toUpperCase (exact for Latin-1; 'ß' stays as it is). */
    public String toUpperCase() {
        char[] out = null;
        for (int i = 0; i < value.length; i++) {
            char u = Character.toUpperCase(value[i]);
            if (u != value[i]) {
                if (out == null) {
                    out = toCharArray();
                }
                out[i] = u;
            }
        }
        return out == null ? self() : adopt(out);
    }

    /** Lower case of each char by Character.toLowerCase (exact for Latin-1). */
    public String toLowerCase() {
        char[] out = null;
        for (int i = 0; i < value.length; i++) {
            char l = Character.toLowerCase(value[i]);
            if (l != value[i]) {
                if (out == null) {
                    out = toCharArray();
                }
                out[i] = l;
            }
        }
        return out == null ? self() : adopt(out);
    }

    public String toString() {
        return self();
    }

    public static String join(CharSequence delimiter, CharSequence... elements) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            sb.append(elements[i]);
        }
        return sb.toString();
    }

    public static String valueOf(Object obj) {
        return obj == null ? "null" : obj.toString();
    }

    public static String valueOf(char[] data) {
        return new String(data);
    }

    public static String valueOf(char[] data, int offset, int count) {
        return new String(data, offset, count);
    }

    public static String copyValueOf(char[] data) {
        return new String(data);
    }

    public static String copyValueOf(char[] data, int offset, int count) {
        return new String(data, offset, count);
    }

    public static String valueOf(boolean b) {
        return b ? "true" : "false";
    }

    public static String valueOf(char c) {
        return adopt(new char[] {c});
    }

    public static String valueOf(int i) {
        return Integer.toString(i);
    }

    public static String valueOf(long l) {
        return Long.toString(l);
    }

    public static String valueOf(float f) {
        return Float.toString(f);
    }

    public static String valueOf(double d) {
        return Double.toString(d);
    }
}
