package lichen.arch.aarch64;

import lichen.api.Irq;

/**
 * Console lines from interrupt context, where nothing may allocate: the text
 * is a string constant and the number is written digit by digit, straight to
 * the console UART (System.out would build strings and buffer them).
 */
final class IrqConsole {
    private IrqConsole() {}

    /** Writes {@code before}, {@code number} in decimal, {@code after} and a newline. */
    @Irq
    static void line(String before, long number, String after) {
        KernelServices.putText(before);
        if (number < 0) {
            KernelServices.putByte('-');
            number = -number;
        }
        long scale = 1;
        while (number / scale >= 10) scale *= 10;
        for (; scale > 0; scale /= 10) KernelServices.putByte('0' + (int) (number / scale % 10));
        KernelServices.putText(after);
        KernelServices.putByte('\n');
    }
}
