package lichen.kernel.selftest;

/**
 * A straight-line AArch64 user program for the EL0 tests, assembled from the
 * few A64 encodings they need (Arm ARM C6.2: MOVZ, MOVN, ADR, ADD and SUB
 * immediate, ORR as MOV, STR and LDR (W) unsigned offset, SVC), with NUL-terminated
 * strings placed after the code and reached by ADR.
 */
final class A64Program {
    private static final int SVC = 0xD4000001;
    private final int[] code = new int[1024];
    private int length;
    private final StringBuilder data = new StringBuilder();
    /** ADR fix-ups: the instruction index, its register, the string's offset in the data. */
    private final int[] fixAt = new int[64], fixReg = new int[64], fixData = new int[64];
    private int fixes;

    /** Xd = imm (0..65535). */
    A64Program movz(int rd, int imm) { return emit(0xD2800000 | (imm & 0xFFFF) << 5 | rd); }

    /** Xd = ~imm, so movn(d, 99) is -100 (AT_FDCWD). */
    A64Program movn(int rd, int imm) { return emit(0x92800000 | (imm & 0xFFFF) << 5 | rd); }

    /** Xd = Xn + imm12 (Xn 31 is SP). */
    A64Program add(int rd, int rn, int imm) { return emit(0x91000000 | (imm & 0xFFF) << 10 | rn << 5 | rd); }

    /** Xd = Xn - imm12 (Xn 31 is SP). */
    A64Program sub(int rd, int rn, int imm) { return emit(0xD1000000 | (imm & 0xFFF) << 10 | rn << 5 | rd); }

    /** Xd = Xm (ORR Xd, XZR, Xm). */
    A64Program mov(int rd, int rm) { return emit(0xAA0003E0 | rm << 16 | rd); }

    /** [Xn + offset] = Xt, offset a multiple of 8 below 32 KiB. */
    A64Program str(int rt, int rn, int offset) { return emit(0xF9000000 | (offset >> 3) << 10 | rn << 5 | rt); }

    /** Wt = the 32-bit word at [Xn + offset], offset a multiple of 4 below 16 KiB (LDR W, unsigned offset). */
    A64Program ldrw(int rt, int rn, int offset) { return emit(0xB9400000 | (offset >> 2) << 10 | rn << 5 | rt); }

    /** Xd = the address of the NUL-terminated {@code text}, placed after the code. */
    A64Program adr(int rd, String text) {
        fixAt[fixes] = length;
        fixReg[fixes] = rd;
        fixData[fixes++] = data.length();
        data.append(text).append('\0');
        return emit(0);
    }

    /** The system call numbered {@code nr} with the arguments already in x0..x5. */
    A64Program svc(int nr) {
        movz(8, nr);
        return emit(SVC);
    }

    private A64Program emit(int instruction) {
        code[length++] = instruction;
        return this;
    }

    /** The program's words, the ADRs resolved, followed by its strings packed little-endian. */
    int[] words() {
        int dataStart = length * 4;
        int[] out = new int[length + (data.length() + 3) / 4];
        System.arraycopy(code, 0, out, 0, length);
        for (int i = 0; i < fixes; i++) {
            int offset = dataStart + fixData[i] - 4 * fixAt[i];
            out[fixAt[i]] = 0x10000000 | (offset & 3) << 29 | (offset >> 2 & 0x7FFFF) << 5 | fixReg[i];
        }
        for (int i = 0; i < data.length(); i++) out[length + i / 4] |= (data.charAt(i) & 0xFF) << (8 * (i % 4));
        return out;
    }
}
