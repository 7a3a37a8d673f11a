package lichen.usertest.bench;

/**
 * Times an {@link Operation} and prints its one line,
 * {@code BENCH NAME VALUE UNIT}, e.g. {@code BENCH getpid 1234.5 ns/op}
 * (scripts/bench-userspace.sh reads these).
 *
 * <p>The round count doubles until one batch takes at least
 * {@link #TARGET_NANOS}, and that batch's time is the figure: the same code
 * runs long enough for the clock (a system call itself, about a microsecond
 * under TCG) not to matter, whatever the operation's speed on the kernel
 * being measured; the shorter batches before it are the warm-up. One round
 * runs first, never reported, so that even an operation whose first round
 * takes the whole target is measured warm: the first touch of a guest frame
 * costs QEMU's host a page fault of its own (about 10 us a page on this host,
 * most of mmap_touch_64m's first round), which later rounds, given the frames
 * the first one freed, do not pay.
 */
public final class Measurement {
    private Measurement() {}

    /** 0.3 s: a whole benchmark is then under a second under TCG (the batches sum to less than twice the last). */
    static final long TARGET_NANOS = 300_000_000L;

    /**
     * Runs {@code op} and prints its figure, in nanoseconds per
     * {@code unit}; one round is {@code unitsPerRound} of those units (the
     * pages of a mapping touched one by one, say).
     *
     * @return false, after a {@code BENCH-ERROR} line, when the operation failed
     */
    static boolean report(String name, String unit, long unitsPerRound, Operation op) {
        String warmUp = op.repeat(1);
        if (warmUp != null) {
            return failed(name, warmUp);
        }
        long rounds = 1;
        while (true) {
            long start = System.nanoTime();
            String failure = op.repeat(rounds);
            long elapsed = System.nanoTime() - start;
            if (failure != null) {
                return failed(name, failure);
            }
            if (elapsed >= TARGET_NANOS) {
                long tenths = elapsed * 10 / (rounds * unitsPerRound);
                System.out.println("BENCH " + name + " " + tenths / 10 + "." + tenths % 10 + " ns/" + unit
                                   + " (" + rounds + " rounds in " + elapsed / 1_000_000 + " ms)");
                System.out.flush();
                return true;
            }
            rounds *= 2;
        }
    }

    /** A benchmark that could not run (its set-up failed): the line says why, and the run's status becomes 1. */
    static boolean failed(String name, String why) {
        System.out.println("BENCH-ERROR " + name + ": " + why);
        System.out.flush();
        return false;
    }
}
