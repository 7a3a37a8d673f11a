package lichen.api;

import java.lang.annotation.*;

/**
 * Marks a class that runs only on the JVM (a test double, a host tool, the
 * executor on JDK continuations). jcc never compiles it and {@code jcc check}
 * skips it; code that jcc compiles must not reach it.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface HostOnly {}
