package lichen.arch.aarch64;

import lichen.api.Irq;
import lichen.api.Unsafe;

/**
 * Bytes typed at the console, from the UART's receive interrupt to task
 * context: the handler drains the UART into a ring and allocates nothing;
 * the kernel takes them out later ({@link #take}), from the executor's turn
 * (the line discipline, echo and wake-ups are task work). One CPU takes the
 * interrupt and one task context empties the ring, so the two indices need
 * no lock: each side writes only its own. A full ring drops what comes
 * (the line discipline's own buffer is the same size).
 */
@Unsafe
public final class ConsoleInput {
    private static final int SIZE = 4096;
    private static final byte[] ring = new byte[SIZE];
    private static volatile long written, taken;
    private static volatile long dropped;
    private static boolean started;

    private ConsoleInput() {}

    /** Takes the console UART's interrupt {@code intid} from now on; false when there is no interrupt controller. */
    public static boolean start(int intid) {
        if (started) return true;
        if (Interrupts.controller() == null || intid < 0) return false;
        Interrupts.register(intid, ConsoleInput::received);
        KernelServices.console().enableReceiveInterrupts();
        started = true;
        return true;
    }

    @Irq
    private static void received(int intid) {
        Pl011 uart = KernelServices.console();
        while (uart.canRead()) {
            int b = uart.read();
            if (written - taken < SIZE) {
                ring[(int) (written % SIZE)] = (byte) b;
                written = written + 1;
            } else {
                dropped = dropped + 1;
            }
        }
        uart.clearReceiveInterrupts();
    }

    /** Whether typed bytes wait. */
    public static boolean pending() { return written != taken; }

    /** The next typed byte, or -1 when none waits. */
    public static int take() {
        if (written == taken) return -1;
        int b = ring[(int) (taken % SIZE)] & 0xff;
        taken = taken + 1;
        return b;
    }

    /** Bytes lost to a full ring. */
    public static long dropped() { return dropped; }
}
