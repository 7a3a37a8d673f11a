package lichen.rt.java.util;

import java.util.Comparator;

/**
 * The part of java.util.Collections that Comparator's default methods reach:
 * reverse orders. {@code Comparator.reversed()} is
 * {@code Collections.reverseOrder(this)}, and reversing twice gives the
 * original back, as the JDK's does.
 */
public final class TCollections {
    private static final Comparator<Object> REVERSE_NATURAL = new Reversed<>(null);

    private TCollections() {}

    @SuppressWarnings("unchecked")
    public static <T> Comparator<T> reverseOrder() { return (Comparator<T>) REVERSE_NATURAL; }

    public static <T> Comparator<T> reverseOrder(Comparator<T> cmp) {
        if (cmp == null) return reverseOrder();
        if (cmp instanceof Reversed<T> r && r.original != null) return r.original;
        return new Reversed<>(cmp);
    }

    /** {@code original} compared the other way round; a null original is the reverse natural order. */
    private static final class Reversed<T> implements Comparator<T> {
        final Comparator<T> original;

        Reversed(Comparator<T> original) { this.original = original; }

        @Override
        @SuppressWarnings("unchecked")
        public int compare(T a, T b) {
            return original == null ? ((Comparable<Object>) b).compareTo(a) : original.compare(b, a);
        }

        @Override
        public Comparator<T> reversed() {
            return original != null ? original : TComparators.naturalOrder();
        }
    }
}
