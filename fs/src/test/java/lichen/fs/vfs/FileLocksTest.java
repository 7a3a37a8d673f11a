package lichen.fs.vfs;

import static lichen.fs.vfs.FileLocks.F_RDLCK;
import static lichen.fs.vfs.FileLocks.F_UNLCK;
import static lichen.fs.vfs.FileLocks.F_WRLCK;
import static lichen.fs.vfs.FileLocks.TO_END;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** fcntl(2)'s record-lock rules: conflicts between owners, splitting, merging, release. */
class FileLocksTest {
    private final FileLocks locks = new FileLocks();
    private final Object a = new Object(), b = new Object();
    private int wakes;

    @AfterEach
    void noHook() { FileLocks.setReleaseHook(null); }

    /** The owner's locks as "start-end:type" in table order, sorted by start. */
    private String held(Object who) {
        StringBuilder s = new StringBuilder();
        long last = -1;
        for (int round = 0; round < locks.count(); round++) {
            int best = -1;
            for (int i = 0; i < locks.count(); i++) {
                if (locks.ownerAt(i) != who || locks.startAt(i) <= last) continue;
                if (best < 0 || locks.startAt(i) < locks.startAt(best)) best = i;
            }
            if (best < 0) break;
            last = locks.startAt(best);
            if (!s.isEmpty()) s.append(' ');
            s.append(locks.startAt(best)).append('-').append(locks.endAt(best) == TO_END ? "end" : Long.toString(locks.endAt(best)))
                    .append(':').append(locks.typeAt(best) == F_RDLCK ? 'r' : 'w');
        }
        return s.toString();
    }

    @Test
    void readLocksShareAndWriteLocksExclude() {
        locks.set(a, 1, F_RDLCK, 0, 99);
        assertEquals(-1, locks.conflict(b, F_RDLCK, 50, 60), "two readers");
        assertEquals(0, locks.conflict(b, F_WRLCK, 99, 120), "a writer meets the reader's last byte");
        assertEquals(-1, locks.conflict(b, F_WRLCK, 100, 120), "past the range");
        assertEquals(-1, locks.conflict(a, F_WRLCK, 0, 99), "an owner never conflicts with itself");
        assertEquals(-1, locks.conflict(b, F_UNLCK, 0, 99));
    }

    @Test
    void unlockingTheMiddleSplitsALock() {
        locks.set(a, 1, F_WRLCK, 0, TO_END);
        locks.set(a, 1, F_UNLCK, 10, 19);
        assertEquals("0-9:w 20-end:w", held(a));
    }

    @Test
    void anotherTypeInTheMiddleMakesThreeLocks() {
        locks.set(a, 1, F_WRLCK, 0, 99);
        locks.set(a, 1, F_RDLCK, 40, 59);
        assertEquals("0-39:w 40-59:r 60-99:w", held(a));
    }

    @Test
    void sameTypeLocksThatTouchJoin() {
        locks.set(a, 1, F_RDLCK, 0, 9);
        locks.set(a, 1, F_RDLCK, 20, 29);
        locks.set(a, 1, F_RDLCK, 10, 19);
        assertEquals("0-29:r", held(a));
        locks.set(a, 1, F_WRLCK, 30, TO_END);
        assertEquals("0-29:r 30-end:w", held(a), "a lock of the other type beside it stays apart");
    }

    @Test
    void convertingAWholeLockReplacesIt() {
        locks.set(a, 1, F_RDLCK, 5, 15);
        locks.set(a, 1, F_WRLCK, 0, 20);
        assertEquals("0-20:w", held(a));
        assertEquals(1, locks.count());
    }

    @Test
    void owningLocksAreSeparateAndReleaseTakesOnlyTheOwners() {
        locks.set(a, 1, F_RDLCK, 0, 9);
        locks.set(b, 2, F_RDLCK, 5, 14);
        assertEquals("0-9:r", held(a));
        assertEquals("5-14:r", held(b));
        assertTrue(locks.releaseOwner(a));
        assertFalse(locks.releaseOwner(a), "nothing left to release");
        assertEquals("", held(a));
        assertEquals("5-14:r", held(b));
        assertEquals(2, locks.pidAt(0));
    }

    @Test
    void droppingALockRunsTheHookAndTakingOneDoesNot() {
        FileLocks.setReleaseHook(() -> wakes++);
        locks.set(a, 1, F_WRLCK, 0, 9);
        assertEquals(0, wakes);
        locks.set(a, 1, F_UNLCK, 100, 200);
        assertEquals(0, wakes, "unlocking what is not held frees nothing");
        locks.set(a, 1, F_RDLCK, 0, 9);
        assertEquals(1, wakes, "a write lock turned read lets readers in");
        locks.releaseOwner(a);
        assertEquals(2, wakes);
    }

    @Test
    void manyLocksGrowTheTable() {
        for (int i = 0; i < 40; i++) locks.set(a, 1, i % 2 == 0 ? F_RDLCK : F_WRLCK, 10L * i, 10L * i + 4);
        assertEquals(40, locks.count());
        assertEquals(-1, locks.conflict(b, F_WRLCK, 5, 9), "the gaps stay free");
        assertEquals(1, locks.conflict(b, F_RDLCK, 12, 12), "the second lock is a write lock");
    }
}
