package lichen.api;

import java.lang.annotation.*;

/**
 * Lets a kernel method use the floating-point and SIMD registers. Kernel code
 * is compiled without them (jcc's kernel target), and a kernel method that
 * computes with {@code float} or {@code double} is rejected unless it carries
 * this mark; a marked method is compiled with them. The registers are not
 * part of a kernel task's saved context or of a trap frame, so a marked
 * method may neither sleep ({@link Async}) nor run in interrupt context
 * ({@link Irq}); what it leaves in them is nobody's.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface FloatingPoint {}
