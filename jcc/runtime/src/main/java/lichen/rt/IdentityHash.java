package lichen.rt;

import lichen.api.Unsafe;

/**
 * The identity hash of an object: its address mixed down to 32 bits. Objects
 * never move (there is no collector), so the address is stable. The mixing is
 * the 64-bit finaliser of MurmurHash3 (fmix64), so that objects 16 bytes apart
 * do not get hashes that differ only in a few low bits.
 */
@Unsafe
public final class IdentityHash {
    private IdentityHash() {}

    public static int of(Object o) {
        if (o == null) {
            return 0;
        }
        return mix(Intrinsics.addressOf(o));
    }

    /** MurmurHash3's fmix64, folded to 32 bits. */
    public static int mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return (int) (k ^ (k >>> 32));
    }
}
