package lichen.libkernel.mm;

import lichen.libkernel.Errno;

/**
 * A cache of equal-sized objects carved from slabs of 2^order pages (Bonwick,
 * "The Slab Allocator", USENIX 1994; Linux's SLUB): free objects of a slab
 * are chained through their first word; each CPU keeps a small stack of
 * recently freed objects (a magazine) that it allocates from without touching
 * the slabs, refilled and drained in batches.
 *
 * <p>jcc lowers {@code new C()} for a {@code @Slab} class C to {@link
 * SlabAllocator#alloc} of C's instance size and {@code Kmem.free(o)} to
 * {@link SlabAllocator#free}; this class is the per-size cache behind both.
 * Objects come back zeroed, as Java's {@code new} requires.
 */
public final class SlabCache {
    public static final int MAGAZINE = 16;
    private static final int BATCH = MAGAZINE / 2;
    private static final int PAGE = 4096;

    private final String name;
    private final int objectSize;
    private final int order;
    private final int perSlab;
    private final FrameAllocator frames;
    private final SlabOwners owners;
    private final int id;

    // Slabs, sorted by base address.
    private long[] bases = new long[8];
    private int[] inUse = new int[8];
    private long[] freeHeads = new long[8];
    private long[] userBits = new long[8 * 8];
    private int slabs;
    private int emptySlabs;

    private final long[][] magazines;
    private final int[] magazineCounts;
    private long objectsInUse;

    SlabCache(String name, int size, int cpus, FrameAllocator frames, SlabOwners owners, int id) {
        this.name = name;
        this.objectSize = Math.max(8, (size + 7) & ~7);
        int o = 0;
        while ((PAGE << o) / objectSize < 8 && o < 3) o++;
        this.order = o;
        this.perSlab = Math.min(512, (PAGE << o) / objectSize);
        this.frames = frames;
        this.owners = owners;
        this.id = id;
        this.magazines = new long[cpus][MAGAZINE];
        this.magazineCounts = new int[cpus];
    }

    public String name() { return name; }

    public int objectSize() { return objectSize; }

    public int objectsPerSlab() { return perSlab; }

    public int slabOrder() { return order; }

    public int slabCount() { return slabs; }

    /** Objects handed out and not yet freed. */
    public long objectsInUse() { return objectsInUse; }

    /** Objects parked in CPU {@code cpu}'s magazine. */
    public int magazineCount(int cpu) { return magazineCounts[cpu]; }

    /** A zeroed object for CPU {@code cpu}: its physical address, or -ENOMEM. */
    public long alloc(int cpu) {
        if (magazineCounts[cpu] == 0) {
            int got = refill(cpu);
            if (got == 0) return -Errno.ENOMEM;
        }
        long o = magazines[cpu][--magazineCounts[cpu]];
        markUser(o, true);
        objectsInUse++;
        SlabFreeList.zero(o, objectSize);
        return o;
    }

    /** Gives an object back on CPU {@code cpu}: 0, or -EINVAL for an address this cache never gave or a double free. */
    public int free(int cpu, long object) {
        int s = slabOf(object);
        if (s < 0 || (object - bases[s]) % objectSize != 0 || !isUser(s, object)) return -Errno.EINVAL;
        markUser(object, false);
        objectsInUse--;
        if (magazineCounts[cpu] == MAGAZINE) drain(cpu, BATCH);
        magazines[cpu][magazineCounts[cpu]++] = object;
        return 0;
    }

    /** Returns every magazine's objects to their slabs and empty slabs to the page allocator (memory pressure). */
    public void shrink() {
        for (int cpu = 0; cpu < magazines.length; cpu++) drain(cpu, magazineCounts[cpu]);
        for (int s = slabs - 1; s >= 0; s--) if (inUse[s] == 0) releaseSlab(s);
    }

    private int refill(int cpu) {
        int got = 0;
        while (got < BATCH) {
            int s = partialSlab();
            if (s < 0) {
                s = newSlab();
                if (s < 0) break;
            }
            while (got < BATCH && freeHeads[s] != 0) {
                long o = freeHeads[s];
                freeHeads[s] = SlabFreeList.next(o);
                if (inUse[s]++ == 0) emptySlabs--;
                magazines[cpu][magazineCounts[cpu]++] = o;
                got++;
            }
        }
        return got;
    }

    private void drain(int cpu, int n) {
        for (int i = 0; i < n; i++) {
            long o = magazines[cpu][--magazineCounts[cpu]];
            int s = slabOf(o);
            SlabFreeList.setNext(o, freeHeads[s]);
            freeHeads[s] = o;
            partialHint = s;
            if (--inUse[s] == 0) {
                emptySlabs++;
                // Keep one empty slab to absorb alloc/free flapping; return the rest.
                if (emptySlabs > 1) releaseSlab(s);
            }
        }
    }

    // Where the last free object went back: scanning starts there, so a refill is O(1) in the common case.
    private int partialHint;

    private int partialSlab() {
        for (int k = 0; k < slabs; k++) {
            int s = (partialHint + k) % slabs;
            if (freeHeads[s] != 0) {
                partialHint = s;
                return s;
            }
        }
        return -1;
    }

    private int newSlab() {
        long base = frames.allocPages(order);
        if (base < 0) return -1;
        if (slabs == bases.length) grow();
        int s = 0;
        while (s < slabs && bases[s] < base) s++;
        System.arraycopy(bases, s, bases, s + 1, slabs - s);
        System.arraycopy(inUse, s, inUse, s + 1, slabs - s);
        System.arraycopy(freeHeads, s, freeHeads, s + 1, slabs - s);
        System.arraycopy(userBits, s * 8, userBits, (s + 1) * 8, (slabs - s) * 8);
        bases[s] = base;
        inUse[s] = 0;
        for (int w = 0; w < 8; w++) userBits[s * 8 + w] = 0;
        long head = 0;
        for (int i = perSlab - 1; i >= 0; i--) {
            long o = base + (long) i * objectSize;
            SlabFreeList.setNext(o, head);
            head = o;
        }
        freeHeads[s] = head;
        slabs++;
        emptySlabs++;
        if (owners != null) owners.set(base, order, id);
        return s;
    }

    private void releaseSlab(int s) {
        long base = bases[s];
        if (owners != null) owners.set(base, order, 0);
        frames.freePages(base, order);
        System.arraycopy(bases, s + 1, bases, s, slabs - s - 1);
        System.arraycopy(inUse, s + 1, inUse, s, slabs - s - 1);
        System.arraycopy(freeHeads, s + 1, freeHeads, s, slabs - s - 1);
        System.arraycopy(userBits, (s + 1) * 8, userBits, s * 8, (slabs - s - 1) * 8);
        slabs--;
        emptySlabs--;
    }

    private void grow() {
        int n = bases.length * 2;
        long[] b = new long[n];
        int[] u = new int[n];
        long[] f = new long[n];
        long[] bits = new long[n * 8];
        System.arraycopy(bases, 0, b, 0, slabs);
        System.arraycopy(inUse, 0, u, 0, slabs);
        System.arraycopy(freeHeads, 0, f, 0, slabs);
        System.arraycopy(userBits, 0, bits, 0, slabs * 8);
        bases = b;
        inUse = u;
        freeHeads = f;
        userBits = bits;
    }

    private int slabOf(long object) {
        int lo = 0, hi = slabs - 1;
        long span = (long) PAGE << order;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (object < bases[mid]) hi = mid - 1;
            else if (object >= bases[mid] + span) lo = mid + 1;
            else return (object - bases[mid]) / objectSize < perSlab ? mid : -1;
        }
        return -1;
    }

    private boolean isUser(int s, long object) {
        int i = (int) ((object - bases[s]) / objectSize);
        return (userBits[s * 8 + (i >>> 6)] & (1L << i)) != 0;
    }

    private void markUser(long object, boolean user) {
        int s = slabOf(object);
        int i = (int) ((object - bases[s]) / objectSize);
        if (user) userBits[s * 8 + (i >>> 6)] |= 1L << i;
        else userBits[s * 8 + (i >>> 6)] &= ~(1L << i);
    }
}
