package lichen.usertest.bench;

/** What a benchmark times: its operation done {@code rounds} times in a row. */
@FunctionalInterface
public interface Operation {
    /**
     * Does the operation {@code rounds} times. Allocates nothing (there is no
     * collector, and an allocation would be timed too).
     *
     * @return null when every round succeeded, else what went wrong
     */
    String repeat(long rounds);
}
