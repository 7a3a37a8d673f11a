package lichen.api;

import java.lang.annotation.*;

/**
 * Marks a method that may sleep (park its continuation on a wait queue). jcc
 * checks that it is called only from other {@code @Async} methods or handed to
 * the executor, and that no spinlock guard is live across the call.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Async {}
