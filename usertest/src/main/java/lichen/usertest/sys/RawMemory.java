package lichen.usertest.sys;

import lichen.api.Mem;
import lichen.api.Unsafe;

/**
 * A load or a store by this program itself at an address, for the tests in
 * which the access must fault in user mode (SIGSEGV), not in the kernel's
 * copy (EFAULT): everything else sees memory through {@code Pipes}. jcc's
 * linux target compiles {@link Mem}'s accesses to plain loads and stores
 * (its linear base is 0 in a user program), so these are one instruction.
 * Use a load's value: a load whose value is unused may be optimised away.
 */
@Unsafe
public final class RawMemory {
    private RawMemory() {}

    public static int load8(long address) {
        return Mem.load8(address);
    }

    public static void store8(long address, int value) {
        Mem.store8(address, value);
    }
}
