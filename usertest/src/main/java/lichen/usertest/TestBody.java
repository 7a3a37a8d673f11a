package lichen.usertest;

/** What a test does: it reports through {@code check} and returns; it must not print or exit. */
@FunctionalInterface
public interface TestBody {
    void run(Check check);
}
