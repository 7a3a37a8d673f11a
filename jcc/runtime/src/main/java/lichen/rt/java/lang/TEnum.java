package lichen.rt.java.lang;

import lichen.rt.IdentityHash;

/**
 * java.lang.Enum in compiled code. javac's enum constructors call
 * {@code super(name, ordinal)}; jcc relies on these two fields, in this order.
 * Enum.valueOf(Class, String) needs class objects and is not provided.
 */
public abstract class TEnum<E extends Enum<E>> implements Comparable<E> {
    private final String name;
    private final int ordinal;

    protected TEnum(String name, int ordinal) {
        this.name = name;
        this.ordinal = ordinal;
    }

    public final String name() {
        return name;
    }

    public final int ordinal() {
        return ordinal;
    }

    public String toString() {
        return name;
    }

    public final boolean equals(Object other) {
        return (Object) this == other;
    }

    public final int hashCode() {
        return IdentityHash.of(this);
    }

    /** Order of declaration. */
    public final int compareTo(E other) {
        return ordinal - other.ordinal();
    }
}
