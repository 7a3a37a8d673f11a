package lichen.usertest;

/**
 * A named test in a group. Names are lower_snake_case, the syscall first:
 * {@code openat_missing_enoent}; groups are one word ({@code process}).
 */
public record TestCase(String name, String group, TestBody body) {}
