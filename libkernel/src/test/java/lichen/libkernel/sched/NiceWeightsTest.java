package lichen.libkernel.sched;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class NiceWeightsTest {
    @Test
    void niceZeroIsTheReferenceWeight() {
        assertEquals(NiceWeights.NICE_0, NiceWeights.weight(0));
    }

    @Test
    void eachNiceStepIsAboutOneQuarterHeavier() {
        for (int n = NiceWeights.MIN_NICE; n < NiceWeights.MAX_NICE; n++) {
            double ratio = (double) NiceWeights.weight(n) / NiceWeights.weight(n + 1);
            assertTrue(ratio >= 1.19 && ratio < 1.3, "nice " + n + ": " + ratio);
        }
    }

    @Test
    void outOfRangeNiceValuesClampLikeSetpriority() {
        assertEquals(NiceWeights.weight(-20), NiceWeights.weight(-100));
        assertEquals(NiceWeights.weight(19), NiceWeights.weight(40));
        assertEquals(15, NiceWeights.weight(19));
        assertEquals(88761, NiceWeights.weight(-20));
    }
}
