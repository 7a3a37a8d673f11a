package lichen.usertest;

/** A named test. Names are lower_snake_case, the syscall first: {@code openat_missing_enoent}. */
public record TestCase(String name, TestBody body) {}
