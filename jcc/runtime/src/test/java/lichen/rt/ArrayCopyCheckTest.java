package lichen.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ArrayCopyCheck.failure must name the same exception and message as the JVM's System.arraycopy. */
class ArrayCopyCheckTest {
    private static Outcome jvm(Object src, int srcPos, Object dst, int dstPos, int length) {
        return Outcome.ofRun(() -> System.arraycopy(src, srcPos, dst, dstPos, length));
    }

    private static Outcome ours(Object src, int srcPos, Object dst, int dstPos, int length) {
        return Outcome.ofRun(() -> {
            RuntimeException failure = ArrayCopyCheck.failure(src, srcPos, dst, dstPos, length);
            if (failure != null) {
                throw failure;
            }
        });
    }

    @Test
    void positionsAndLengthsFailLikeTheJvm() {
        Object[] arrays = {new int[3], new long[5], new byte[0], new char[4], new boolean[2], new double[3],
            new float[1], new short[6], new Object[3], new String[2], new int[2][2]};
        for (Object src : arrays) {
            for (Object dst : arrays) {
                for (int srcPos = -1; srcPos <= 4; srcPos++) {
                    for (int dstPos = -1; dstPos <= 4; dstPos++) {
                        for (int length = -1; length <= 4; length++) {
                            assertEquals(jvm(src, srcPos, dst, dstPos, length), ours(src, srcPos, dst, dstPos, length),
                                    src.getClass().getSimpleName() + " " + srcPos + " -> " + dst.getClass().getSimpleName()
                                    + " " + dstPos + " length " + length);
                        }
                    }
                }
            }
        }
    }

    @Test
    void nullArraysFailLikeTheJvm() {
        assertEquals(jvm(null, 0, new int[1], 0, 1), ours(null, 0, new int[1], 0, 1));
        assertEquals(jvm(new int[1], 0, null, 0, 1), ours(new int[1], 0, null, 0, 1));
    }

    @Test
    void lengthsOfEveryArrayTypeAreRead() {
        assertEquals(3, ArrayCopyCheck.length(new float[3]));
        assertEquals(4, ArrayCopyCheck.length(new boolean[4]));
        assertEquals(5, ArrayCopyCheck.length(new String[5]));
    }
}
