package lichen.rt.java.lang;

import lichen.rt.CharSearch;
import lichen.rt.DecimalDigits;

/**
 * java.lang.StringBuilder in compiled code: a growable char array. Methods
 * that return the builder are declared to return TStringBuilder, which jcc
 * renames to StringBuilder, so chained calls work in compiled code and on the
 * JVM. Exceptions and messages are the JDK's.
 */
public final class TStringBuilder implements CharSequence {
    private char[] value;
    private int count;

    public TStringBuilder() {
        value = new char[16];
    }

    public TStringBuilder(int capacity) {
        value = new char[capacity];
    }

    public TStringBuilder(String str) {
        int n = str.length();
        value = new char[n + 16];
        append(str);
    }

    public TStringBuilder(CharSequence seq) {
        value = new char[seq.length() + 16];
        append(seq);
    }

    public int length() {
        return count;
    }

    public int capacity() {
        return value.length;
    }

    public void ensureCapacity(int minimum) {
        if (minimum > value.length) {
            int grown = value.length * 2 + 2;
            char[] bigger = new char[grown < minimum || grown < 0 ? minimum : grown];
            System.arraycopy(value, 0, bigger, 0, count);
            value = bigger;
        }
    }

    /** Room for {@code extra} more chars; the JDK's "Required length exceeds" limit on overflow. */
    private void reserve(int extra) {
        int needed = count + extra;
        if (needed < 0) {
            throw new OutOfMemoryError("Required length exceeds implementation limit");
        }
        ensureCapacity(needed);
    }

    public char charAt(int index) {
        TString.checkIndex(index, count);
        return value[index];
    }

    public void setCharAt(int index, char ch) {
        TString.checkIndex(index, count);
        value[index] = ch;
    }

    public void setLength(int newLength) {
        if (newLength < 0) {
            throw new StringIndexOutOfBoundsException("String index out of range: " + newLength);
        }
        ensureCapacity(newLength);
        for (int i = count; i < newLength; i++) {
            value[i] = 0;
        }
        count = newLength;
    }

    public void getChars(int srcBegin, int srcEnd, char[] dst, int dstBegin) {
        TString.checkBeginEnd(srcBegin, srcEnd, count);
        TString.checkOffsetCount(dstBegin, srcEnd - srcBegin, dst.length);
        System.arraycopy(value, srcBegin, dst, dstBegin, srcEnd - srcBegin);
    }

    public TStringBuilder append(String str) {
        if (str == null) {
            return appendNull();
        }
        char[] s = TString.charsOf(str);
        reserve(s.length);
        System.arraycopy(s, 0, value, count, s.length);
        count += s.length;
        return this;
    }

    private TStringBuilder appendNull() {
        reserve(4);
        value[count++] = 'n';
        value[count++] = 'u';
        value[count++] = 'l';
        value[count++] = 'l';
        return this;
    }

    public TStringBuilder append(Object obj) {
        return append(String.valueOf(obj));
    }

    public TStringBuilder append(CharSequence s) {
        if (s == null) {
            return appendNull();
        }
        if (s instanceof String str) {
            return append(str);
        }
        return append(s, 0, s.length());
    }

    public TStringBuilder append(CharSequence s, int start, int end) {
        if (s == null) {
            s = "null";
        }
        if (start < 0 || start > end || end > s.length()) {
            throw new IndexOutOfBoundsException(
                    "Range [" + start + ", " + end + ") out of bounds for length " + s.length());
        }
        reserve(end - start);
        for (int i = start; i < end; i++) {
            value[count++] = s.charAt(i);
        }
        return this;
    }

    public TStringBuilder append(char[] str) {
        return append(str, 0, str.length);
    }

    public TStringBuilder append(char[] str, int offset, int len) {
        int end = offset + len;
        if (offset < 0 || len < 0 || end > str.length || end < 0) {
            throw new IndexOutOfBoundsException(
                    "Range [" + offset + ", " + end + ") out of bounds for length " + str.length);
        }
        reserve(len);
        System.arraycopy(str, offset, value, count, len);
        count += len;
        return this;
    }

    public TStringBuilder append(boolean b) {
        return append(b ? "true" : "false");
    }

    public TStringBuilder append(char c) {
        reserve(1);
        value[count++] = c;
        return this;
    }

    public TStringBuilder append(int i) {
        int size = DecimalDigits.stringSize(i);
        reserve(size);
        count += size;
        DecimalDigits.getChars(i, count, value);
        return this;
    }

    public TStringBuilder append(long l) {
        int size = DecimalDigits.stringSize(l);
        reserve(size);
        count += size;
        DecimalDigits.getChars(l, count, value);
        return this;
    }

    public TStringBuilder append(float f) {
        return append(Float.toString(f));
    }

    public TStringBuilder append(double d) {
        return append(Double.toString(d));
    }

    public TStringBuilder appendCodePoint(int codePoint) {
        if (codePoint >= 0 && codePoint < 0x10000) {
            return append((char) codePoint);
        }
        if (codePoint < 0 || codePoint > 0x10FFFF) {
            throw new IllegalArgumentException("Not a valid Unicode code point: 0x" + Integer.toHexString(codePoint).toUpperCase());
        }
        append(CharSearch.highSurrogate(codePoint));
        return append(CharSearch.lowSurrogate(codePoint));
    }

    /** Checks 0 <= offset <= count as AbstractStringBuilder.insert does, with its message. */
    private void checkInsertOffset(int offset) {
        if (offset < 0 || offset > count) {
            throw new StringIndexOutOfBoundsException(
                    "Range [" + offset + ", " + count + ") out of bounds for length " + count);
        }
    }

    public TStringBuilder insert(int offset, String str) {
        checkInsertOffset(offset);
        if (str == null) {
            str = "null";
        }
        char[] s = TString.charsOf(str);
        reserve(s.length);
        System.arraycopy(value, offset, value, offset + s.length, count - offset);
        System.arraycopy(s, 0, value, offset, s.length);
        count += s.length;
        return this;
    }

    public TStringBuilder insert(int offset, char c) {
        checkInsertOffset(offset);
        reserve(1);
        System.arraycopy(value, offset, value, offset + 1, count - offset);
        value[offset] = c;
        count++;
        return this;
    }

    public TStringBuilder insert(int offset, char[] str) {
        return insert(offset, String.valueOf(str));
    }

    public TStringBuilder insert(int offset, Object obj) {
        return insert(offset, String.valueOf(obj));
    }

    public TStringBuilder insert(int offset, boolean b) {
        return insert(offset, String.valueOf(b));
    }

    public TStringBuilder insert(int offset, int i) {
        return insert(offset, String.valueOf(i));
    }

    public TStringBuilder insert(int offset, long l) {
        return insert(offset, String.valueOf(l));
    }

    public TStringBuilder deleteCharAt(int index) {
        TString.checkIndex(index, count);
        System.arraycopy(value, index + 1, value, index, count - index - 1);
        count--;
        return this;
    }

    public TStringBuilder delete(int start, int end) {
        if (end > count) {
            end = count;
        }
        TString.checkBeginEnd(start, end, count);
        System.arraycopy(value, end, value, start, count - end);
        count -= end - start;
        return this;
    }

    public TStringBuilder replace(int start, int end, String str) {
        if (end > count) {
            end = count;
        }
        TString.checkBeginEnd(start, end, count);
        char[] s = TString.charsOf(str);
        int grow = s.length - (end - start);
        reserve(grow > 0 ? grow : 0);
        System.arraycopy(value, end, value, start + s.length, count - end);
        System.arraycopy(s, 0, value, start, s.length);
        count += grow;
        return this;
    }

    /** Reverses the chars, keeping each surrogate pair in order (StringBuilder.reverse javadoc). */
    public TStringBuilder reverse() {
        boolean surrogates = false;
        for (int i = 0, j = count - 1; i < j; i++, j--) {
            char a = value[i];
            char b = value[j];
            value[i] = b;
            value[j] = a;
            surrogates |= Character.isSurrogate(a) || Character.isSurrogate(b);
        }
        if (count % 2 == 1 && Character.isSurrogate(value[count / 2])) {
            surrogates = true;
        }
        if (surrogates) {
            for (int i = 0; i < count - 1; i++) {
                if (Character.isLowSurrogate(value[i]) && Character.isHighSurrogate(value[i + 1])) {
                    char low = value[i];
                    value[i] = value[i + 1];
                    value[i + 1] = low;
                    i++;
                }
            }
        }
        return this;
    }

    public int indexOf(String str) {
        return indexOf(str, 0);
    }

    public int indexOf(String str, int fromIndex) {
        char[] t = TString.charsOf(str);
        return CharSearch.indexOf(value, count, t, t.length, fromIndex);
    }

    public int lastIndexOf(String str) {
        return lastIndexOf(str, count);
    }

    public int lastIndexOf(String str, int fromIndex) {
        char[] t = TString.charsOf(str);
        return CharSearch.lastIndexOf(value, count, t, t.length, fromIndex);
    }

    public String substring(int start) {
        return substring(start, count);
    }

    public String substring(int start, int end) {
        TString.checkBeginEnd(start, end, count);
        return new String(value, start, end - start);
    }

    public CharSequence subSequence(int start, int end) {
        return substring(start, end);
    }

    public String toString() {
        return new String(value, 0, count);
    }
}
