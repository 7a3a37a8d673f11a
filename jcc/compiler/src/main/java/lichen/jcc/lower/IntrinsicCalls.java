package lichen.jcc.lower;

import lichen.jcc.layout.Layout;
import org.objectweb.asm.tree.MethodInsnNode;

import java.util.List;

/**
 * Calls that jcc replaces with inline code: system calls ({@code svc #0}),
 * raw memory for the runtime, floating-point bit casts, square root and array
 * clone. Returns null for an ordinary call, "void" for an intrinsic without a result.
 */
final class IntrinsicCalls {
    private IntrinsicCalls() {}

    static String lower(MethodLowering l, MethodInsnNode call, List<String> v) {
        if (!lichen.jcc.world.IntrinsicMethods.isIntrinsic(call.owner, call.name, call.desc)) return null;
        FunctionBuilder fb = l.fb;
        String key = call.owner + "." + call.name + call.desc;
        if (call.owner.startsWith("[") && call.name.equals("clone")) {
            return fb.def("call ptr @jcc.clone(ptr " + l.objects.nullChecked(v.get(0)) + ")");
        }
        if (call.owner.equals("lichen/api/Syscall")) return syscall(l, call, v);
        if (call.owner.equals("lichen/api/Mmio")) return mmio(l, call, v);
        if (call.owner.equals("lichen/api/Cpu")) return cpu(l, call, v);
        return switch (key) {
            case "java/lang/Math.sqrt(D)D", "java/lang/StrictMath.sqrt(D)D" -> fb.def("call double @llvm.sqrt.f64(double " + v.get(0) + ")");
            case "java/lang/Float.floatToRawIntBits(F)I" -> fb.def("bitcast float " + v.get(0) + " to i32");
            case "java/lang/Float.intBitsToFloat(I)F" -> fb.def("bitcast i32 " + v.get(0) + " to float");
            case "java/lang/Double.doubleToRawLongBits(D)J" -> fb.def("bitcast double " + v.get(0) + " to i64");
            case "java/lang/Double.longBitsToDouble(J)D" -> fb.def("bitcast i64 " + v.get(0) + " to double");
            case "java/lang/Object.getClass()Ljava/lang/Class;" -> fb.load("ptr", l.objects.nullChecked(v.get(0)));
            default -> runtime(l, call, v);
        };
    }

    /** The AArch64 Linux syscall ABI: number in x8, arguments in x0..x5, result in x0. */
    private static String syscall(MethodLowering l, MethodInsnNode call, List<String> v) {
        FunctionBuilder fb = l.fb;
        if (call.name.equals("addressOf")) {
            String a = l.objects.nullChecked(v.get(0));
            // An AtomicWord's value follows its header word (TAtomicWord.VALUE_OFFSET); an array's data its length.
            boolean word = call.desc.startsWith("(Llichen/api/AtomicWord;");
            return fb.def("ptrtoint ptr " + fb.offset(a, word ? Layout.HEADER : Layout.ARRAY_DATA) + " to i64");
        }
        if (l.module.target.isKernel()) {
            // The kernel's runtime asks the kernel itself: the same call, to arch/aarch64's services.
            StringBuilder args = new StringBuilder();
            for (int i = 0; i < 7; i++) args.append(i == 0 ? "" : ", ").append("i64 ").append(i < v.size() ? v.get(i) : "0");
            return fb.def("call i64 " + l.module.runtime("lichen/arch/aarch64/KernelServices", "syscall", "(JJJJJJJ)J") + "(" + args + ")");
        }
        StringBuilder constraints = new StringBuilder("={x0},{x8}");
        StringBuilder args = new StringBuilder("i64 " + v.get(0));
        for (int i = 1; i < v.size(); i++) {
            constraints.append(",{x").append(i - 1).append('}');
            args.append(", i64 ").append(v.get(i));
        }
        constraints.append(",~{memory}");
        return fb.def("call i64 asm sideeffect \"svc #0\", \"" + constraints + "\"(" + args + ")");
    }

    /** The pointer for a raw address argument. */
    private static String address(FunctionBuilder fb, String value) { return fb.def("inttoptr i64 " + value + " to ptr"); }

    /**
     * Device registers: one plain LDR/STR of exactly the width asked for, as inline assembly (Linux's
     * __raw_readq/__raw_writeq in arch/arm64/include/asm/io.h do the same). A volatile load would let
     * LLVM pick a writeback form ({@code ldr x0, [x1, #8]!}): a hypervisor cannot emulate an MMIO
     * access without a valid syndrome (ARM ARM D17.2.37, ESR_ELx.ISV is 0 for writeback), and an
     * expected fault that skips the instruction (Traps.expectFault) would leave the base register
     * unadvanced, which is how the constant addresses of word types first showed it.
     */
    private static String mmio(MethodLowering l, MethodInsnNode call, List<String> v) {
        FunctionBuilder fb = l.fb;
        String p = address(fb, v.get(0));
        return switch (call.name) {
            case "read8" -> fb.def("call i32 asm sideeffect \"ldrb ${0:w}, [$1]\", \"=r,r,~{memory}\"(ptr " + p + ")");
            case "read32" -> fb.def("call i32 asm sideeffect \"ldr ${0:w}, [$1]\", \"=r,r,~{memory}\"(ptr " + p + ")");
            case "read64" -> fb.def("call i64 asm sideeffect \"ldr $0, [$1]\", \"=r,r,~{memory}\"(ptr " + p + ")");
            case "write8" -> { fb.emit("call void asm sideeffect \"strb ${0:w}, [$1]\", \"r,r,~{memory}\"(i32 " + v.get(1) + ", ptr " + p + ")"); yield "void"; }
            case "write32" -> { fb.emit("call void asm sideeffect \"str ${0:w}, [$1]\", \"r,r,~{memory}\"(i32 " + v.get(1) + ", ptr " + p + ")"); yield "void"; }
            case "write64" -> { fb.emit("call void asm sideeffect \"str $0, [$1]\", \"r,r,~{memory}\"(i64 " + v.get(1) + ", ptr " + p + ")"); yield "void"; }
            default -> throw l.error("unknown intrinsic lichen.api.Mmio." + call.name);
        };
    }

    /** System registers and the instructions that call firmware (PSCI) and the debugger (semihosting). */
    private static String cpu(MethodLowering l, MethodInsnNode call, List<String> v) {
        FunctionBuilder fb = l.fb;
        return switch (call.name) {
            case "counter" -> fb.def("call i64 asm sideeffect \"isb\\0Amrs $0, cntvct_el0\", \"=r\"()");
            case "counterFrequency" -> fb.def("call i64 asm sideeffect \"mrs $0, cntfrq_el0\", \"=r\"()");
            case "setTimerCountdown" -> { fb.emit("call void asm sideeffect \"msr cntp_tval_el0, $0\", \"r,~{memory}\"(i64 " + v.get(0) + ")"); yield "void"; }
            case "setTimerControl" -> { fb.emit("call void asm sideeffect \"msr cntp_ctl_el0, $0\\0Aisb\", \"r,~{memory}\"(i64 " + v.get(0) + ")"); yield "void"; }
            case "enableInterrupts" -> { fb.emit("call void asm sideeffect \"msr daifclr, #2\", \"~{memory}\"()"); yield "void"; }
            case "disableInterrupts" -> { fb.emit("call void asm sideeffect \"msr daifset, #2\", \"~{memory}\"()"); yield "void"; }
            case "switchContext" -> { fb.emit("call void @lichen_switch(i64 " + v.get(0) + ", i64 " + v.get(1) + ")"); yield "void"; }
            case "enterUser" -> { fb.emit("call void @lichen_enter_user(i64 " + v.get(0) + ")"); yield "void"; }
            case "flushUserFp" -> { fb.emit("call void @lichen_fp_flush(i64 " + v.get(0) + ")"); yield "void"; }
            case "invalidateUserFp" -> { fb.emit("call void @lichen_fp_invalidate(i64 " + v.get(0) + ")"); yield "void"; }
            // The big kernel lock (arch/aarch64/user.S).
            case "bigLockAcquire" -> { fb.emit("call void @lichen_bkl_acquire()"); yield "void"; }
            case "bigLockRelease" -> { fb.emit("call void @lichen_bkl_release()"); yield "void"; }
            case "bigLockEnable" -> { fb.emit("call void @lichen_bkl_enable()"); yield "void"; }
            case "bigLockHolder" -> fb.def("call i64 @lichen_bkl_holder()");
            case "releaseUserFp" -> { fb.emit("call void @lichen_fp_release()"); yield "void"; }
            case "setUserTranslationTable" -> writeSystemRegister(fb, "ttbr0_el1", v.get(0));
            case "invalidateTlbAsid" -> {
                String operand = fb.def("shl i64 " + v.get(0) + ", 48");
                fb.emit("call void asm sideeffect \"dsb ishst\\0Atlbi aside1is, $0\\0Adsb ish\\0Aisb\", \"r,~{memory}\"(i64 " + operand + ")");
                yield "void";
            }
            case "taskStartAddress" -> fb.def("ptrtoint ptr @lichen_task_start to i64");
            case "replaceTranslationTables" -> {
                fb.emit("call void @lichen_replace_tables(i64 " + v.get(0) + ", i64 " + v.get(1) + ")");
                yield "void";
            }
            case "imageLayout" -> fb.def("ptrtoint ptr @lichen_image_layout to i64");
            case "invalidateTlbPage" -> {
                String page = fb.def("lshr i64 " + v.get(0) + ", 12");
                fb.emit("call void asm sideeffect \"dsb ishst\\0Atlbi vaae1is, $0\\0Adsb ish\\0Aisb\", \"r,~{memory}\"(i64 " + page + ")");
                yield "void";
            }
            case "invalidateTlbAll" -> {
                fb.emit("call void asm sideeffect \"dsb ishst\\0Atlbi vmalle1is\\0Adsb ish\\0Aisb\", \"~{memory}\"()");
                yield "void";
            }
            // User memory through arch/aarch64/usercopy.S, whose faults resume at fixups (the exception table).
            case "copyFromUser" -> fb.def("call i64 @lichen_copy_from_user(i64 " + v.get(0) + ", i64 " + v.get(1) + ", i64 " + v.get(2) + ")");
            case "copyToUser" -> fb.def("call i64 @lichen_copy_to_user(i64 " + v.get(0) + ", i64 " + v.get(1) + ", i64 " + v.get(2) + ")");
            case "clearUser" -> fb.def("call i64 @lichen_clear_user(i64 " + v.get(0) + ", i64 " + v.get(1) + ")");
            case "userStringLength" -> fb.def("call i64 @lichen_strnlen_user(i64 " + v.get(0) + ", i64 " + v.get(1) + ")");
            case "copyStringFromUser" -> fb.def("call i64 @lichen_strncpy_from_user(i64 " + v.get(0) + ", i64 " + v.get(1) + ", i64 " + v.get(2) + ")");
            case "storeUser64" -> fb.def("call i64 @lichen_store_user64(i64 " + v.get(0) + ", i64 " + v.get(1) + ")");
            case "storeUser32" -> fb.def("call i64 @lichen_store_user32(i64 " + v.get(0) + ", i32 " + v.get(1) + ")");
            case "exceptionTableStart" -> fb.def("ptrtoint ptr @__ex_table_start to i64");
            case "exceptionTableEnd" -> fb.def("ptrtoint ptr @__ex_table_end to i64");
            case "memoryModelFeatures1" -> fb.def("call i64 asm sideeffect \"mrs $0, id_aa64mmfr1_el1\", \"=r\"()");
            case "mainId" -> fb.def("call i64 asm sideeffect \"mrs $0, midr_el1\", \"=r\"()");
            case "systemControl" -> fb.def("call i64 asm sideeffect \"mrs $0, sctlr_el1\", \"=r,~{memory}\"()");
            case "setSystemControl" -> writeSystemRegister(fb, "sctlr_el1", v.get(0));
            // PAN by its generic encoding (S3_0_C4_C2_3, ARM ARM D19 "PAN"), so no v8.1 assembler feature is needed.
            case "privilegedAccessNever" -> fb.def("call i64 asm sideeffect \"mrs $0, S3_0_C4_C2_3\", \"=r,~{memory}\"()");
            case "setPrivilegedAccessNever" -> writeSystemRegister(fb, "S3_0_C4_C2_3", v.get(0));
            case "breakpoint" -> { fb.emit("call void asm sideeffect \"brk #0x4c\", \"~{memory}\"()"); yield "void"; }
            // The GICv3 CPU interface by generic encoding (ARM IHI 0069H 12.2), so no assembler feature is needed.
            case "gicUseSystemRegisters" -> writeSystemRegister(fb, "S3_0_C12_C12_5", "7");
            case "gicSetPriorityMask" -> writeSystemRegister(fb, "S3_0_C4_C6_0", v.get(0));
            case "gicSetBinaryPoint" -> writeSystemRegister(fb, "S3_0_C12_C12_3", v.get(0));
            case "gicEnableGroup1" -> writeSystemRegister(fb, "S3_0_C12_C12_7", v.get(0));
            case "gicAcknowledge" -> fb.def("call i64 asm sideeffect \"mrs $0, S3_0_C12_C12_0\", \"=r,~{memory}\"()");
            case "gicEndOfInterrupt" -> writeSystemRegister(fb, "S3_0_C12_C12_1", v.get(0));
            case "gicSendSgi" -> writeSystemRegister(fb, "S3_0_C12_C11_5", v.get(0));
            case "makeStoresVisible" -> { fb.emit("call void asm sideeffect \"dsb ishst\", \"~{memory}\"()"); yield "void"; }
            case "mpidr" -> fb.def("and i64 " + fb.def("call i64 asm sideeffect \"mrs $0, mpidr_el1\", \"=r\"()") + ", 1095233437695");
            case "cpuIndex" -> fb.def("call i64 asm sideeffect \"mrs $0, tpidr_el1\", \"=r\"()");
            // A boolean is an i32 0 or 1, as the JVM's; DAIF.I is bit 7.
            case "interruptsMasked" -> fb.def("trunc i64 " + fb.def("and i64 " + fb.def("lshr i64 "
                    + fb.def("call i64 asm sideeffect \"mrs $0, daif\", \"=r,~{memory}\"()") + ", 7") + ", 1") + " to i32");
            case "waitForEvent" -> { fb.emit("call void asm sideeffect \"wfe\", \"~{memory}\"()"); yield "void"; }
            case "sendEvent" -> { fb.emit("call void asm sideeffect \"dsb ish\\0Asev\", \"~{memory}\"()"); yield "void"; }
            case "waitForInterrupt" -> { fb.emit("call void asm sideeffect \"wfi\", \"~{memory}\"()"); yield "void"; }
            case "psci" -> fb.def("call i64 asm sideeffect \"hvc #0\", \"={x0},{x0},{x1},{x2},{x3},~{memory}\"(i64 " + v.get(0)
                    + ", i64 " + v.get(1) + ", i64 " + v.get(2) + ", i64 " + v.get(3) + ")");
            case "semihost" -> fb.def("call i64 asm sideeffect \"hlt #0xf000\", \"={x0},{x0},{x1},~{memory}\"(i64 " + v.get(0)
                    + ", i64 " + v.get(1) + ")");
            default -> throw l.error("unknown intrinsic lichen.api.Cpu." + call.name);
        };
    }

    /** msr of an i64 value (or immediate) to a system register, then isb so it takes effect before what follows. */
    private static String writeSystemRegister(FunctionBuilder fb, String register, String value) {
        fb.emit("call void asm sideeffect \"msr " + register + ", $0\\0Aisb\", \"r,~{memory}\"(i64 " + value + ")");
        return "void";
    }

    private static String runtime(MethodLowering l, MethodInsnNode call, List<String> v) {
        FunctionBuilder fb = l.fb;
        return switch (call.name) {
            case "addressOf" -> fb.def("ptrtoint ptr " + v.get(0) + " to i64");
            case "objectAt" -> address(fb, v.get(0));
            case "arrayData" -> fb.def("ptrtoint ptr " + fb.offset(v.get(0), Layout.ARRAY_DATA) + " to i64");
            case "arrayElementSize" -> {
                String desc = fb.load("ptr", v.get(0));
                yield fb.def("trunc i64 " + fb.load("i64", fb.offset(desc, Layout.DESC_SIZE)) + " to i32");
            }
            case "className" -> fb.load("ptr", fb.offset(fb.load("ptr", v.get(0)), Layout.DESC_NAME));
            case "compareAndSwap64" -> {
                String pair = fb.def("cmpxchg ptr " + address(fb, v.get(0)) + ", i64 " + v.get(1) + ", i64 "
                        + v.get(2) + " seq_cst seq_cst");
                yield fb.def("zext i1 " + fb.def("extractvalue { i64, i1 } " + pair + ", 1") + " to i32");
            }
            case "memoryBarrier" -> { fb.emit("call void asm sideeffect \"dmb ish\", \"~{memory}\"()"); yield "void"; }
            case "getAndAdd64" -> fb.def("atomicrmw add ptr " + address(fb, v.get(0)) + ", i64 " + v.get(1) + " seq_cst");
            case "getAndSet64" -> fb.def("atomicrmw xchg ptr " + address(fb, v.get(0)) + ", i64 " + v.get(1) + " seq_cst");
            case "newArrayLike" -> fb.def("call ptr @jcc.newArray(ptr " + fb.load("ptr", v.get(0)) + ", i32 " + v.get(1) + ")");
            case "shallowClone" -> fb.def("call ptr @jcc.clone(ptr " + v.get(0) + ")");
            case "load8" -> fb.def("sext i8 " + fb.load("i8", address(fb, v.get(0))) + " to i32");
            case "load64" -> fb.load("i64", address(fb, v.get(0)));
            case "load16" -> fb.def("zext i16 " + fb.load("i16", address(fb, v.get(0))) + " to i32");
            case "load32" -> fb.load("i32", address(fb, v.get(0)));
            case "store16" -> {
                fb.store("i16", fb.def("trunc i32 " + v.get(1) + " to i16"), address(fb, v.get(0)));
                yield "void";
            }
            case "store32" -> {
                fb.store("i32", v.get(1), address(fb, v.get(0)));
                yield "void";
            }
            case "fillMemory" -> {
                fb.emit("call void @llvm.memset.p0.i64(ptr " + address(fb, v.get(0)) + ", i8 "
                        + fb.def("trunc i32 " + v.get(1) + " to i8") + ", i64 " + v.get(2) + ", i1 false)");
                yield "void";
            }
            case "store8" -> {
                fb.store("i8", fb.def("trunc i32 " + v.get(1) + " to i8"), address(fb, v.get(0)));
                yield "void";
            }
            case "store64" -> {
                fb.store("i64", v.get(1), address(fb, v.get(0)));
                yield "void";
            }
            case "copyMemory" -> {
                fb.emit("call void @llvm.memmove.p0.p0.i64(ptr " + address(fb, v.get(0)) + ", ptr "
                        + address(fb, v.get(1)) + ", i64 " + v.get(2) + ", i1 false)");
                yield "void";
            }
            case "zeroMemory" -> {
                fb.emit("call void @llvm.memset.p0.i64(ptr " + address(fb, v.get(0)) + ", i8 0, i64 "
                        + v.get(1) + ", i1 false)");
                yield "void";
            }
            case "backtrace" -> fb.def("call i32 @jcc.backtrace(ptr " + v.get(0) + ")");
            case "frameLine" -> fb.def("call i32 @jcc.frameLine(i64 " + v.get(0) + ")");
            case "describeFrame" -> fb.def("call ptr @jcc.describeFrame(i64 " + v.get(0) + ")");
            default -> throw l.error("unknown intrinsic lichen.rt.Intrinsics." + call.name);
        };
    }
}
