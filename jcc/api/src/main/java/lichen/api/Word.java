package lichen.api;

import java.lang.annotation.*;

/**
 * Marks a word type (VA, PA, UA): a final class with one {@code long} field,
 * made only by its static factories. jcc lowers it to a bare 64-bit register
 * value; on the JVM it stays a small immutable object. Word values have no
 * identity: no {@code ==} on references, no null, no {@code instanceof}, and
 * they are never stored where an {@code Object} is expected.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Word {}
