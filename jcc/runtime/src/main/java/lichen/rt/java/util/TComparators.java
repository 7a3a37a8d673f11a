package lichen.rt.java.util;

import java.util.Comparator;

/**
 * java.util.Comparators (package-private in the JDK): the natural order that
 * {@code Comparator.naturalOrder()} returns.
 */
final class TComparators {
    private TComparators() {}

    @SuppressWarnings("unchecked")
    static <T> Comparator<T> naturalOrder() { return (Comparator<T>) (Comparator<?>) NaturalOrderComparator.INSTANCE; }

    enum NaturalOrderComparator implements Comparator<Comparable<Object>> {
        INSTANCE;

        @Override
        public int compare(Comparable<Object> a, Comparable<Object> b) { return a.compareTo(b); }

        @Override
        public Comparator<Comparable<Object>> reversed() { return TCollections.reverseOrder(); }
    }
}
