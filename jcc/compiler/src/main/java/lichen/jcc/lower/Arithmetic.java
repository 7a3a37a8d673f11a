package lichen.jcc.lower;

import org.objectweb.asm.Opcodes;

/**
 * Arithmetic, comparisons and conversions with the JVM's exact semantics
 * (JVMS 6.5): wrapping two's-complement integers, shift counts masked to 5 or
 * 6 bits, {@code MIN_VALUE / -1 == MIN_VALUE}, division by zero an
 * ArithmeticException, NaN comparisons by fcmpl/fcmpg's rule, and
 * float-to-integer conversions that saturate and send NaN to 0.
 */
final class Arithmetic {
    private final MethodLowering l;
    private final FunctionBuilder fb;

    Arithmetic(MethodLowering l) {
        this.l = l;
        this.fb = l.fb;
    }

    void lower(int op) {
        switch (op) {
            case Opcodes.IADD -> binary("add", 'i');
            case Opcodes.LADD -> binary("add", 'j');
            case Opcodes.FADD -> binary("fadd", 'f');
            case Opcodes.DADD -> binary("fadd", 'd');
            case Opcodes.ISUB -> binary("sub", 'i');
            case Opcodes.LSUB -> binary("sub", 'j');
            case Opcodes.FSUB -> binary("fsub", 'f');
            case Opcodes.DSUB -> binary("fsub", 'd');
            case Opcodes.IMUL -> binary("mul", 'i');
            case Opcodes.LMUL -> binary("mul", 'j');
            case Opcodes.FMUL -> binary("fmul", 'f');
            case Opcodes.DMUL -> binary("fmul", 'd');
            case Opcodes.FDIV -> binary("fdiv", 'f');
            case Opcodes.DDIV -> binary("fdiv", 'd');
            case Opcodes.FREM -> remainder('f');
            case Opcodes.DREM -> remainder('d');
            case Opcodes.IDIV -> divide('i', false);
            case Opcodes.LDIV -> divide('j', false);
            case Opcodes.IREM -> divide('i', true);
            case Opcodes.LREM -> divide('j', true);
            case Opcodes.INEG -> l.push(fb.def("sub i32 0, " + l.operand(0, 1)), 'i', 1);
            case Opcodes.LNEG -> l.push(fb.def("sub i64 0, " + l.operand(0, 1)), 'j', 1);
            case Opcodes.FNEG -> l.push(fb.def("fneg float " + l.operand(0, 1)), 'f', 1);
            case Opcodes.DNEG -> l.push(fb.def("fneg double " + l.operand(0, 1)), 'd', 1);
            case Opcodes.ISHL -> shift("shl", 'i');
            case Opcodes.ISHR -> shift("ashr", 'i');
            case Opcodes.IUSHR -> shift("lshr", 'i');
            case Opcodes.LSHL -> shift("shl", 'j');
            case Opcodes.LSHR -> shift("ashr", 'j');
            case Opcodes.LUSHR -> shift("lshr", 'j');
            case Opcodes.IAND -> binary("and", 'i');
            case Opcodes.LAND -> binary("and", 'j');
            case Opcodes.IOR -> binary("or", 'i');
            case Opcodes.LOR -> binary("or", 'j');
            case Opcodes.IXOR -> binary("xor", 'i');
            case Opcodes.LXOR -> binary("xor", 'j');
            case Opcodes.LCMP -> compare("icmp sgt", "icmp slt", "i64", null);
            case Opcodes.FCMPL -> compare("fcmp ogt", "fcmp olt", "float", "-1");
            case Opcodes.FCMPG -> compare("fcmp ogt", "fcmp olt", "float", "1");
            case Opcodes.DCMPL -> compare("fcmp ogt", "fcmp olt", "double", "-1");
            case Opcodes.DCMPG -> compare("fcmp ogt", "fcmp olt", "double", "1");
            case Opcodes.I2L -> convert("sext i32", "i64", 'j');
            case Opcodes.I2F -> convert("sitofp i32", "float", 'f');
            case Opcodes.I2D -> convert("sitofp i32", "double", 'd');
            case Opcodes.L2I -> convert("trunc i64", "i32", 'i');
            case Opcodes.L2F -> convert("sitofp i64", "float", 'f');
            case Opcodes.L2D -> convert("sitofp i64", "double", 'd');
            case Opcodes.F2D -> convert("fpext float", "double", 'd');
            case Opcodes.D2F -> convert("fptrunc double", "float", 'f');
            case Opcodes.F2I -> saturate("i32", "f32", "float", 'i');
            case Opcodes.F2L -> saturate("i64", "f32", "float", 'j');
            case Opcodes.D2I -> saturate("i32", "f64", "double", 'i');
            case Opcodes.D2L -> saturate("i64", "f64", "double", 'j');
            case Opcodes.I2B -> narrow("i8", "sext");
            case Opcodes.I2C -> narrow("i16", "zext");
            case Opcodes.I2S -> narrow("i16", "sext");
            default -> throw l.error("opcode " + op + " is not supported");
        }
    }

    private void binary(String instr, char k) {
        String a = l.operand(0, 2), b = l.operand(1, 2);
        l.push(fb.def(instr + " " + IrTypes.ofKind(k) + " " + a + ", " + b), k, 2);
    }

    /** drem and frem: the runtime's exact fmod (LLVM's frem would call the C library's). */
    private void remainder(char k) {
        String fmod = l.module.runtime("lichen/rt/FloatRemainder", "fmod", "(DD)D");
        String a = l.operand(0, 2), b = l.operand(1, 2);
        if (k == 'd') {
            l.push(fb.def("call double " + fmod + "(double " + a + ", double " + b + ")"), 'd', 2);
            return;
        }
        String r = fb.def("call double " + fmod + "(double " + fb.def("fpext float " + a + " to double") + ", double "
                + fb.def("fpext float " + b + " to double") + ")");
        l.push(fb.def("fptrunc double " + r + " to float"), 'f', 2);
    }

    private void shift(String instr, char k) {
        String a = l.operand(0, 2), b = l.operand(1, 2);
        String count = k == 'i' ? fb.def("and i32 " + b + ", 31") : fb.def("and i64 " + fb.def("zext i32 " + b + " to i64") + ", 63");
        l.push(fb.def(instr + " " + IrTypes.ofKind(k) + " " + a + ", " + count), k, 2);
    }

    private void divide(char k, boolean remainder) {
        String ty = IrTypes.ofKind(k);
        String a = l.operand(0, 2), b = l.operand(1, 2);
        String zero = fb.def("icmp eq " + ty + " " + b + ", 0");
        String fail = fb.label("divzero");
        l.fb.guard(zero, fail, "div");
        String minusOne = fb.def("icmp eq " + ty + " " + b + ", -1");
        String safe = fb.def("select i1 " + minusOne + ", " + ty + " 1, " + ty + " " + b);
        String result;
        if (remainder) {
            String r = fb.def("srem " + ty + " " + a + ", " + safe);
            result = fb.def("select i1 " + minusOne + ", " + ty + " 0, " + ty + " " + r);
        } else {
            String q = fb.def("sdiv " + ty + " " + a + ", " + safe);
            String negated = fb.def("sub " + ty + " 0, " + a);
            result = fb.def("select i1 " + minusOne + ", " + ty + " " + negated + ", " + ty + " " + q);
        }
        l.push(result, k, 2);
        fb.cold(fail, "call void " + l.module.runtime("lichen/rt/Throw", "divideByZero", "()V") + "()");
    }

    /** lcmp, fcmpl, fcmpg: 1, 0 or -1; with NaN, the -1 or 1 of the l/g variant. */
    private void compare(String greater, String less, String ty, String unordered) {
        String a = l.operand(0, 2), b = l.operand(1, 2);
        String gt = fb.def(greater + " " + ty + " " + a + ", " + b);
        String lt = fb.def(less + " " + ty + " " + a + ", " + b);
        String g = fb.def("zext i1 " + gt + " to i32");
        String s = fb.def("zext i1 " + lt + " to i32");
        String r = fb.def("sub i32 " + g + ", " + s);
        if (unordered != null) {
            String uno = fb.def("fcmp uno " + ty + " " + a + ", " + b);
            r = fb.def("select i1 " + uno + ", i32 " + unordered + ", i32 " + r);
        }
        l.push(r, 'i', 2);
    }

    private void convert(String instr, String to, char k) {
        l.push(fb.def(instr + " " + l.operand(0, 1) + " to " + to), k, 1);
    }

    private void saturate(String to, String fromSuffix, String from, char k) {
        String fn = "@llvm.fptosi.sat." + to + "." + fromSuffix;
        l.push(fb.def("call " + to + " " + fn + "(" + from + " " + l.operand(0, 1) + ")"), k, 1);
    }

    private void narrow(String width, String extend) {
        String t = fb.def("trunc i32 " + l.operand(0, 1) + " to " + width);
        l.push(fb.def(extend + " " + width + " " + t + " to i32"), 'i', 1);
    }
}
