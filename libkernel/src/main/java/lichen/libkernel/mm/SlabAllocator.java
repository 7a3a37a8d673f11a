package lichen.libkernel.mm;

import lichen.libkernel.Errno;

/**
 * The kernel's object allocator: one {@link SlabCache} per size class (the
 * kmalloc sizes 8 to 4096), over a {@link BuddyAllocator}. {@code new} of a
 * {@code @Slab} class and {@code Kmem.newBytes} land here; {@code Kmem.free}
 * finds the owning cache from the page the object lies in.
 */
public final class SlabAllocator {
    /** The size classes, as Linux's kmalloc caches (with its 96 and 192). */
    public static final int[] SIZES = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096};

    private final SlabCache[] caches = new SlabCache[SIZES.length];
    private final SlabOwners owners;

    public SlabAllocator(BuddyAllocator buddy, int cpus) {
        if (cpus < 1) throw new IllegalArgumentException("at least one CPU");
        owners = new SlabOwners(buddy.basePa(), buddy.frameCount());
        for (int i = 0; i < SIZES.length; i++) caches[i] = new SlabCache("kmalloc-" + SIZES[i], SIZES[i], cpus, buddy, owners, i + 1);
    }

    /** The cache that serves {@code size}-byte objects, or null above the largest class. */
    public SlabCache cacheFor(int size) {
        for (int i = 0; i < SIZES.length; i++) if (size <= SIZES[i]) return caches[i];
        return null;
    }

    /** A zeroed object of at least {@code size} bytes on CPU {@code cpu}, or -ENOMEM / -EINVAL. */
    public long alloc(int cpu, int size) {
        if (size <= 0) return -Errno.EINVAL;
        SlabCache c = cacheFor(size);
        if (c == null) return -Errno.EINVAL;
        return c.alloc(cpu);
    }

    /** Frees an object that {@link #alloc} gave: 0, or -EINVAL for a foreign pointer or a double free. */
    public int free(int cpu, long object) {
        int owner = owners.get(object);
        if (owner == 0) return -Errno.EINVAL;
        return caches[owner - 1].free(cpu, object);
    }

    /** Objects in use across every cache. */
    public long objectsInUse() {
        long n = 0;
        for (SlabCache c : caches) n += c.objectsInUse();
        return n;
    }

    public void shrink() {
        for (SlabCache c : caches) c.shrink();
    }
}
