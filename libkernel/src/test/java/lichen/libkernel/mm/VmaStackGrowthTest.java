package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** VmaSet.growDown: a GROWSDOWN area extends to a fault below it within RLIMIT_STACK and the guard gap (Linux's expand_downwards). */
class VmaStackGrowthTest {
    static final int RW = Prot.READ | Prot.WRITE;
    static final long TOP = 0x7000_0000_0000L, LIMIT = 8L << 20, GAP = 256 * 4096L;

    VmaSet set = new VmaSet(0x10000, TOP - (128L << 20));

    Vma stack() {
        Vma v = new Vma(TOP - 0x21000, TOP, RW, Vma.GROWSDOWN);
        set.insert(v);
        return v;
    }

    @Test
    void aFaultBelowTheStackExtendsItToThatPage() {
        Vma v = stack();
        assertSame(v, set.growDown(TOP - 0x40123, LIMIT, GAP));
        assertEquals(TOP - 0x41000, v.start());
        assertEquals(TOP, v.end());
        assertSame(v, set.find(TOP - 0x40123));
    }

    @Test
    void growthStopsAtTheStackLimit() {
        Vma v = stack();
        assertNull(set.growDown(TOP - LIMIT - 1, LIMIT, GAP), "one byte past RLIMIT_STACK");
        assertSame(v, set.growDown(TOP - LIMIT, LIMIT, GAP), "exactly RLIMIT_STACK");
    }

    @Test
    void growthKeepsTheGuardGapAboveAnAccessibleAreaOnly() {
        Vma v = stack();
        set.insert(new Vma(TOP - 0x200000, TOP - 0x1a0000, RW, 0));
        long justAboveGap = TOP - 0x1a0000 + GAP;
        assertNull(set.growDown(justAboveGap - 1, LIMIT, GAP), "within the gap of a readable area");
        assertSame(v, set.growDown(justAboveGap, LIMIT, GAP), "at the gap's end");
        VmaSet other = new VmaSet(0x10000, TOP - (128L << 20));
        Vma s2 = new Vma(TOP - 0x21000, TOP, RW, Vma.GROWSDOWN);
        other.insert(s2);
        other.insert(new Vma(TOP - 0x200000, TOP - 0x1a0000, 0, 0)); // PROT_NONE: a guard of its own, no gap needed
        assertSame(s2, other.growDown(TOP - 0x1a0000, LIMIT, GAP));
    }

    @Test
    void onlyAGrowsDownAreaGrowsAndOnlyDown() {
        set.insert(new Vma(TOP - 0x21000, TOP, RW, 0));
        assertNull(set.growDown(TOP - 0x30000, LIMIT, GAP), "an ordinary area does not grow");
        assertNull(set.growDown(TOP + 0x1000, LIMIT, GAP), "nothing above");
    }
}
