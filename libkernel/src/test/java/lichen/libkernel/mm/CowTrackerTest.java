package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import lichen.libkernel.Errno;
import org.junit.jupiter.api.Test;

class CowTrackerTest {
    static final long RAM = 0x4000_0000L;
    CowTracker cow = new CowTracker(RAM, 1024);

    @Test
    void aWriteToAPageSharedByForkCopiesAndTheLastWriterReusesIt() {
        cow.mapNew(RAM);
        cow.share(RAM);
        assertEquals(2, cow.mapCount(RAM));
        assertEquals(1, cow.sharedPages());
        assertEquals(CowTracker.COPY, cow.writeFault(RAM));
        assertEquals(1, cow.mapCount(RAM));
        assertEquals(0, cow.sharedPages());
        assertEquals(CowTracker.REUSE, cow.writeFault(RAM));
        assertEquals(1, cow.copies());
        assertEquals(1, cow.reuses());
    }

    @Test
    void theLastUnmapSaysToFreeTheFrame() {
        cow.mapNew(RAM + 4096);
        cow.share(RAM + 4096);
        cow.share(RAM + 4096);
        assertEquals(0, cow.unmap(RAM + 4096));
        assertEquals(0, cow.unmap(RAM + 4096));
        assertEquals(1, cow.unmap(RAM + 4096));
        assertEquals(-Errno.EINVAL, cow.unmap(RAM + 4096));
    }

    @Test
    void unknownOrUnmappedFramesAreRejected() {
        assertEquals(-Errno.EINVAL, cow.share(RAM));
        assertEquals(-Errno.EINVAL, cow.writeFault(RAM));
        assertEquals(-Errno.EINVAL, cow.mapNew(RAM - 4096));
        cow.mapNew(RAM);
        assertEquals(-Errno.EINVAL, cow.mapNew(RAM), "already mapped");
    }

    /** Property: a fork tree with random writes and exits frees every frame exactly once. */
    @Test
    void randomForksWritesAndExitsFreeEachFrameExactlyOnce() {
        Random r = new Random(13);
        int procs = 1;
        long[][] maps = new long[64][16];
        for (int i = 0; i < 16; i++) { maps[0][i] = RAM + i * 4096L; cow.mapNew(maps[0][i]); }
        long nextFree = RAM + 16 * 4096L;
        int freed = 0, allocated = 16;
        boolean[] alive = new boolean[64];
        alive[0] = true;
        for (int step = 0; step < 2000 && procs < 64; step++) {
            int p = r.nextInt(procs);
            if (!alive[p]) continue;
            int op = r.nextInt(3);
            if (op == 0) {
                for (int i = 0; i < 16; i++) { maps[procs][i] = maps[p][i]; cow.share(maps[p][i]); }
                alive[procs++] = true;
            } else if (op == 1) {
                int i = r.nextInt(16);
                if (cow.writeFault(maps[p][i]) == CowTracker.COPY) {
                    maps[p][i] = nextFree;
                    nextFree += 4096;
                    allocated++;
                    cow.mapNew(maps[p][i]);
                }
                assertEquals(1, cow.mapCount(maps[p][i]));
            } else if (procs > 1) {
                for (int i = 0; i < 16; i++) freed += cow.unmap(maps[p][i]);
                alive[p] = false;
            }
        }
        for (int p = 0; p < procs; p++) if (alive[p]) for (int i = 0; i < 16; i++) freed += cow.unmap(maps[p][i]);
        assertEquals(allocated, freed);
        assertEquals(0, cow.sharedPages());
    }
}
