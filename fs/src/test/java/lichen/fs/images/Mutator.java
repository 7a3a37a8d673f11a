package lichen.fs.images;

import java.util.Arrays;
import java.util.Random;

/** Damages image bytes the ways media and bugs do: flipped bits, overwritten bytes, zeroed or 0xFF runs, copied blocks, truncation. */
public final class Mutator {
    private Mutator() {}

    /** A mutated copy of {@code base}; most damage lands in the first {@code hot} bytes, where the metadata is. */
    public static byte[] mutate(byte[] base, Random r, int hot) {
        return mutate(base, r, hot, null);
    }

    /** As above, but three times in four the damage lands inside one of the 1 KiB blocks at {@code hotBlocks}. */
    public static byte[] mutate(byte[] base, Random r, int hot, int[] hotBlocks) {
        byte[] b = base.clone();
        int rounds = 1 + r.nextInt(6);
        for (int k = 0; k < rounds; k++) {
            int limit = r.nextInt(8) == 0 ? b.length : Math.min(hot, b.length);
            int at = r.nextInt(limit);
            if (hotBlocks != null && hotBlocks.length > 0 && r.nextInt(4) != 0) {
                at = Math.min(b.length - 1, hotBlocks[r.nextInt(hotBlocks.length)] + r.nextInt(1024));
            }
            switch (r.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) r.nextInt(256);
                case 2 -> Arrays.fill(b, at, Math.min(b.length, at + 1 + r.nextInt(64)), (byte) 0);
                case 3 -> Arrays.fill(b, at, Math.min(b.length, at + 1 + r.nextInt(64)), (byte) 0xFF);
                case 4 -> {
                    int from = r.nextInt(limit) & ~1023, to = at & ~1023;
                    if (from + 1024 <= b.length && to + 1024 <= b.length) System.arraycopy(base, from, b, to, 1024);
                }
                default -> {
                    int v = r.nextInt(4) == 0 ? Integer.MAX_VALUE : r.nextInt(1 << 16);
                    if (at + 4 <= b.length) {
                        b[at] = (byte) v; b[at + 1] = (byte) (v >> 8); b[at + 2] = (byte) (v >> 16); b[at + 3] = (byte) (v >> 24);
                    }
                }
            }
        }
        if (r.nextInt(20) == 0) b = Arrays.copyOf(b, r.nextInt(b.length));
        return b;
    }
}
