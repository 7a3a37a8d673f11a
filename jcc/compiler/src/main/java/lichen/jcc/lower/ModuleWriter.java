package lichen.jcc.lower;

import lichen.jcc.CompileError;
import lichen.jcc.image.ImageHeap;
import lichen.jcc.layout.Layout;
import lichen.jcc.world.*;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.*;

import java.util.*;

/**
 * The whole program as one LLVM module: the entry point, every reachable
 * method, the class descriptors, the static fields, the image heap and the
 * support functions. The order of the text is the order of the image.
 */
public final class ModuleWriter {
    public static final String DATALAYOUT = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32";

    private final ModuleContext module;
    private final MethodRef main;

    public ModuleWriter(ModuleContext module, MethodRef main) {
        this.module = module;
        this.main = main;
    }

    public String write() {
        StringBuilder functions = new StringBuilder();
        List<MethodRef> compiled = new ArrayList<>();
        for (MethodRef m : module.reach.methods()) {
            if (m.isAbstract()) continue;
            if (m.isNative()) continue;
            functions.append(new MethodLowering(module, m).lower()).append('\n');
            compiled.add(m);
        }
        StringBuilder out = new StringBuilder();
        out.append("target triple = \"").append(module.target.triple).append("\"\n");
        out.append("target datalayout = \"").append(DATALAYOUT).append("\"\n\n");
        out.append(module.target.isKernel() ? "" : START).append(setjmp(!module.target.isKernel()));
        out.append(module.target.isKernel() ? kernelEntry() : entry()).append('\n');
        out.append(functions);
        out.append(frameTable(compiled));
        new Descriptors(module.world, module.layout, module.reach, module.strings).write(out, module.requestedDescriptors());
        out.append('\n');
        staticFields(out);
        module.strings.write(out, module.layout);
        out.append('\n').append(SupportFunctions.text(module.runtime("lichen/rt/Heap", "allocate", "(J)J"),
                module.runtime("lichen/rt/Panic", "uncaught", "(Ljava/lang/Throwable;)V")));
        out.append(module.debug.text());
        return out.toString();
    }

    /** _start: the process entry (the stack pointer holds argc, argv, envp, auxv); x29 = 0 ends backtraces. */
    private static final String START = """
            module asm ".text"
            module asm ".globl _start"
            module asm ".type _start, %function"
            module asm "_start:"
            module asm "  mov x29, #0"
            module asm "  mov x30, #0"
            module asm "  mov x0, sp"
            module asm "  bl jcc_entry"
            module asm "  brk #0"
            """;

    /**
     * jcc_setjmp and jcc_longjmp save and restore the callee-saved registers of the AArch64
     * procedure call standard (x19-x30, sp, and d8-d15 where there is floating point) for
     * lower/Unwinding.
     */
    private static String setjmp(boolean floatingPoint) {
        StringBuilder sb = new StringBuilder();
        String[] pairs = {"x19, x20", "x21, x22", "x23, x24", "x25, x26", "x27, x28", "x29, x30"};
        String[] fpPairs = {"d8, d9", "d10, d11", "d12, d13", "d14, d15"};
        for (String fn : new String[] {"jcc_setjmp", "jcc_longjmp"}) {
            boolean save = fn.equals("jcc_setjmp");
            String pair = save ? "stp" : "ldp", single = save ? "str" : "ldr";
            sb.append("module asm \".text\"\nmodule asm \".globl ").append(fn).append("\"\nmodule asm \".type ").append(fn)
                    .append(", %function\"\nmodule asm \"").append(fn).append(":\"\n");
            for (int i = 0; i < pairs.length; i++) asm(sb, pair + " " + pairs[i] + ", [x0, #" + (16 * i) + "]");
            if (save) asm(sb, "mov x9, sp");
            asm(sb, single + " x9, [x0, #96]");
            if (!save) asm(sb, "mov sp, x9");
            if (floatingPoint) for (int i = 0; i < fpPairs.length; i++) asm(sb, pair + " " + fpPairs[i] + ", [x0, #" + (104 + 16 * i) + "]");
            asm(sb, save ? "mov x0, #0" : "mov x0, x1");
            asm(sb, "ret");
        }
        return sb.append('\n').toString();
    }

    private static void asm(StringBuilder sb, String instruction) {
        sb.append("module asm \"  ").append(instruction).append("\"\n");
    }

    /** The kernel's entry, called by arch/aarch64's boot code at EL1 with the device tree and the first free byte. */
    private String kernelEntry() {
        StringBuilder sb = new StringBuilder("define void @jcc_entry(i64 %deviceTree, i64 %free) #0 {\n");
        // The kernel's services come first: the runtime's static initialisers already allocate.
        sb.append("  call void ").append(module.runtime("lichen/arch/aarch64/KernelServices", "boot", "(JJ)V"))
                .append("(i64 %deviceTree, i64 %free)\n");
        for (JClass c : runtimeInitOrder()) {
            sb.append("  call void ").append(IrTypes.method(c.name(), "<clinit>", "()V")).append("()\n");
        }
        sb.append("  call void ").append(module.function(main)).append("(i64 %deviceTree, i64 %free)\n");
        // start returned: the runtime's end flushes the console and exits, which powers off.
        sb.append("  call void ").append(module.runtime("lichen/rt/Start", "end", "()V")).append("()\n");
        sb.append("  unreachable\n}\n");
        // The exception vectors (arch/aarch64/vectors.S) call the trap handler by this name.
        sb.append("@lichen_trap = alias void (i64, i64), ptr ")
                .append(module.runtime("lichen/arch/aarch64/Traps", "handle", "(JJ)V")).append('\n');
        // Kernel tasks: the stack switch and a new task's first frame (arch/aarch64/switch.S).
        sb.append("declare void @lichen_switch(i64, i64)\ndeclare void @lichen_task_start()\n");
        // The first return to EL0 of a user thread (arch/aarch64/user.S).
        sb.append("declare void @lichen_enter_user(i64) noreturn\n");
        // Lazy FP/SIMD: the user frame whose state the registers hold (arch/aarch64/user.S).
        sb.append("declare void @lichen_fp_flush(i64)\ndeclare void @lichen_fp_invalidate(i64)\ndeclare void @lichen_fp_release()\n");
        // The big kernel lock (arch/aarch64/user.S).
        sb.append("declare void @lichen_bkl_acquire()\ndeclare void @lichen_bkl_release()\ndeclare void @lichen_bkl_enable()\n")
                .append("declare i64 @lichen_bkl_holder()\n");
        // User memory through unprivileged loads and stores, and the exception table's bounds (arch/aarch64/usercopy.S, kernel.ld).
        sb.append("declare i64 @lichen_copy_from_user(i64, i64, i64)\ndeclare i64 @lichen_copy_to_user(i64, i64, i64)\n")
                .append("declare i64 @lichen_clear_user(i64, i64)\ndeclare i64 @lichen_strnlen_user(i64, i64)\n")
                .append("declare i64 @lichen_strncpy_from_user(i64, i64, i64)\ndeclare i64 @lichen_store_user64(i64, i64)\n")
                .append("declare i64 @lichen_store_user32(i64, i32)\n")
                .append("@__ex_table_start = external global i64\n@__ex_table_end = external global i64\n");
        // A secondary CPU's first Java (arch/aarch64/boot.S, lichen_secondary_entry).
        sb.append("@lichen_secondary_main = alias void (i64), ptr ")
                .append(module.runtime("lichen/arch/aarch64/SecondaryCpus", "main", "(J)V")).append('\n');
        // The move to the kernel's own translation tables and the image's layout (arch/aarch64/boot.S).
        sb.append("declare void @lichen_replace_tables(i64, i64)\n@lichen_image_layout = external global i64\n");
        sb.append("@lichen_task_main = alias void (), ptr ")
                .append(module.runtime("lichen/arch/aarch64/StackContinuations", "taskMain", "()V")).append('\n');
        return sb.toString();
    }

    private String entry() {
        StringBuilder sb = new StringBuilder("define void @jcc_entry(i64 %sp) #0 {\n");
        sb.append("  call void ").append(module.runtime("lichen/rt/Start", "begin", "(J)V")).append("(i64 %sp)\n");
        for (JClass c : runtimeInitOrder()) {
            sb.append("  call void ").append(IrTypes.method(c.name(), "<clinit>", "()V")).append("()\n");
        }
        sb.append("  %args = call ptr ").append(module.runtime("lichen/rt/Start", "arguments", "()[Ljava/lang/String;")).append("()\n");
        sb.append("  call void ").append(module.function(main)).append("(ptr %args)\n");
        sb.append("  call void ").append(module.runtime("lichen/rt/Start", "end", "()V")).append("()\n");
        sb.append("  unreachable\n}\n");
        return sb.toString();
    }

    /** The runtime's static initialisers, each after those of the classes its own initialiser uses. */
    private List<JClass> runtimeInitOrder() {
        Set<JClass> pending = module.reach.runtimeInitialised();
        List<JClass> order = new ArrayList<>();
        Set<JClass> visiting = new HashSet<>();
        for (JClass c : pending) visitInit(c, pending, visiting, order);
        return order;
    }

    private void visitInit(JClass c, Set<JClass> pending, Set<JClass> visiting, List<JClass> order) {
        if (order.contains(c) || !visiting.add(c)) return;
        MethodNode clinit = c.method("<clinit>", "()V");
        for (AbstractInsnNode insn : clinit.instructions) {
            String owner = switch (insn) {
                case FieldInsnNode f when f.getOpcode() == Opcodes.GETSTATIC || f.getOpcode() == Opcodes.PUTSTATIC -> f.owner;
                case MethodInsnNode m when m.getOpcode() == Opcodes.INVOKESTATIC -> m.owner;
                case TypeInsnNode t when t.getOpcode() == Opcodes.NEW -> t.desc;
                default -> null;
            };
            if (owner == null || owner.equals(c.name()) || !module.world.isLoaded(owner)) continue;
            JClass dep = module.world.get(owner);
            if (pending.contains(dep)) visitInit(dep, pending, visiting, order);
        }
        order.add(c);
    }

    /** For backtraces: each compiled function's address and its "Class.method(File.java)". */
    private String frameTable(List<MethodRef> compiled) {
        StringBuilder sb = new StringBuilder("@jcc.frames = internal constant [" + (compiled.size() + 1) + " x [2 x ptr]] [");
        for (int i = 0; i < compiled.size(); i++) {
            MethodRef m = compiled.get(i);
            if (i > 0) sb.append(",\n  ");
            String name = m.owner().name().replace('/', '.') + "." + m.name() + "(" + m.owner().sourceFile() + ")";
            sb.append("[2 x ptr] [ptr ").append(IrTypes.global(m.symbol())).append(", ptr ").append(module.strings.literal(name)).append("]");
        }
        // The entry's own frame ends the walk: it and _start map to no name, so no stray frame is printed.
        sb.append(",\n  [2 x ptr] [ptr @jcc_entry, ptr null]");
        sb.append("]\n@jcc.frameCount = internal constant i32 ").append(compiled.size() + 1).append("\n\n");
        return sb.toString();
    }

    private void staticFields(StringBuilder out) {
        for (String key : module.usedStaticFields()) {
            int dot = key.lastIndexOf('.');
            String owner = key.substring(0, dot), name = key.substring(dot + 1);
            JClass c = module.world.get(owner);
            FieldNode f = c.field(name);
            if (f == null) throw new CompileError("internal: static field " + key + " vanished");
            ImageHeap heap = module.strings;
            Object value = heap.hasStaticValue(key) ? heap.staticValue(key) : f.value;
            String storage = IrTypes.storage(f.desc);
            out.append(IrTypes.staticField(owner, name)).append(" = internal global ").append(storage).append(' ')
                    .append(heap.constant(value, f.desc)).append(", align 8\n");
        }
        out.append('\n');
    }
}
