package lichen.api;

import java.lang.annotation.*;

/** Marks interrupt-context code: it neither sleeps ({@link Async}) nor allocates. */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Irq {}
