package lichen.api;

import java.lang.annotation.*;

/**
 * Marks a long-lived class: {@code new} takes an object from the class's slab
 * cache instead of the current {@link Region}, and {@link Kmem#free} returns it.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Slab {}
