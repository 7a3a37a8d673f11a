package lichen.rt;

/**
 * The checks of System.arraycopy, with HotSpot's exceptions and messages
 * (JDK 25: null arrays, non-arrays, mismatched element types, negative
 * positions or length, ranges past the end, in that order). Pure Java, so the
 * messages are tested against the JVM's own arraycopy.
 */
public final class ArrayCopyCheck {
    private ArrayCopyCheck() {}

    /** The exception that System.arraycopy would throw for these arguments, or null if the copy is valid. */
    public static RuntimeException failure(Object src, int srcPos, Object dst, int dstPos, int length) {
        if (src == null || dst == null) {
            return new NullPointerException();
        }
        String srcType = elementType(src);
        if (srcType == null) {
            return new ArrayStoreException("arraycopy: source type " + className(src) + " is not an array");
        }
        String dstType = elementType(dst);
        if (srcType != dstType) {
            if (dstType == null) {
                return new ArrayStoreException("arraycopy: destination type " + className(dst) + " is not an array");
            }
            return new ArrayStoreException(
                    "arraycopy: type mismatch: can not copy " + srcType + "[] into " + dstType + "[]");
        }
        int srcLength = length(src);
        int dstLength = length(dst);
        if (srcPos < 0) {
            return new ArrayIndexOutOfBoundsException(
                    "arraycopy: source index " + srcPos + " out of bounds for " + srcType + "[" + srcLength + "]");
        }
        if (dstPos < 0) {
            return new ArrayIndexOutOfBoundsException(
                    "arraycopy: destination index " + dstPos + " out of bounds for " + dstType + "[" + dstLength + "]");
        }
        if (length < 0) {
            return new ArrayIndexOutOfBoundsException("arraycopy: length " + length + " is negative");
        }
        long srcEnd = (long) srcPos + length;
        if (srcEnd > srcLength) {
            return new ArrayIndexOutOfBoundsException(
                    "arraycopy: last source index " + srcEnd + " out of bounds for " + srcType + "[" + srcLength + "]");
        }
        long dstEnd = (long) dstPos + length;
        if (dstEnd > dstLength) {
            return new ArrayIndexOutOfBoundsException(
                    "arraycopy: last destination index " + dstEnd + " out of bounds for " + dstType + "[" + dstLength + "]");
        }
        return null;
    }

    /** HotSpot's name for an array's element type ("int", "object array"), or null for a non-array. Interned literals, so == compares them. */
    static String elementType(Object a) {
        if (a instanceof Object[]) {
            return "object array";
        } else if (a instanceof int[]) {
            return "int";
        } else if (a instanceof byte[]) {
            return "byte";
        } else if (a instanceof char[]) {
            return "char";
        } else if (a instanceof long[]) {
            return "long";
        } else if (a instanceof short[]) {
            return "short";
        } else if (a instanceof boolean[]) {
            return "boolean";
        } else if (a instanceof double[]) {
            return "double";
        } else if (a instanceof float[]) {
            return "float";
        }
        return null;
    }

    /** The length of an array whose element type {@link #elementType} named. */
    public static int length(Object a) {
        if (a instanceof Object[] x) {
            return x.length;
        } else if (a instanceof int[] x) {
            return x.length;
        } else if (a instanceof byte[] x) {
            return x.length;
        } else if (a instanceof char[] x) {
            return x.length;
        } else if (a instanceof long[] x) {
            return x.length;
        } else if (a instanceof short[] x) {
            return x.length;
        } else if (a instanceof boolean[] x) {
            return x.length;
        } else if (a instanceof double[] x) {
            return x.length;
        }
        return ((float[]) a).length;
    }

    /** Only in compiled code: on the JVM the non-array cases are left to tests of the compiled runtime. */
    private static String className(Object o) {
        return Intrinsics.className(o);
    }
}
