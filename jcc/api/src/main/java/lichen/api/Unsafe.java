package lichen.api;

import java.lang.annotation.*;

/**
 * Marks a class that may use the raw-memory, MMIO, system-register, barrier,
 * atomic and inline-assembly intrinsics. jcc rejects those intrinsics anywhere
 * else, so the kernel's unsafe surface is exactly the list of these classes.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Unsafe {}
