package lichen.jcc.backend;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.llvm.LLVM.*;

import java.nio.file.Path;

import static org.bytedeco.llvm.global.LLVM.*;

/**
 * LLVM through its C API: parse the module jcc wrote, verify it, run the
 * optimisation pipeline, and emit one AArch64 object.
 *
 * jcc writes IR as text and hands it to LLVMParseIRInContext rather than
 * building it instruction by instruction through LLVMBuild*: the text is the
 * artifact a reader checks (--emit-llvm, --dump-after), the tests compare it,
 * and the parser verifies the same invariants the builder would.
 */
public final class Llvm implements AutoCloseable {
    private static boolean initialised;

    private final LLVMContextRef context = LLVMContextCreate();
    private final LLVMTargetMachineRef machine;

    public Llvm(String triple, String cpu, String features, boolean optimise, boolean kernelCodeModel) {
        initialise();
        BytePointer error = new BytePointer((Pointer) null);
        LLVMTargetRef target = new LLVMTargetRef();
        if (LLVMGetTargetFromTriple(new BytePointer(triple), target, error) != 0) {
            throw new IllegalStateException("no LLVM target for " + triple + ": " + error.getString());
        }
        machine = LLVMCreateTargetMachine(target, triple, cpu, features,
                optimise ? LLVMCodeGenLevelDefault : LLVMCodeGenLevelNone,
                LLVMRelocStatic, kernelCodeModel ? LLVMCodeModelSmall : LLVMCodeModelDefault);
    }

    private static synchronized void initialise() {
        if (initialised) return;
        LLVMInitializeAArch64TargetInfo();
        LLVMInitializeAArch64Target();
        LLVMInitializeAArch64TargetMC();
        LLVMInitializeAArch64AsmPrinter();
        LLVMInitializeAArch64AsmParser();
        initialised = true;
    }

    /** Parses and verifies IR text; throws with LLVM's message on a malformed module. */
    public LLVMModuleRef parse(String ir, String name) {
        BytePointer bytes = new BytePointer(ir.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        LLVMMemoryBufferRef buffer = LLVMCreateMemoryBufferWithMemoryRangeCopy(bytes, bytes.limit(), new BytePointer(name));
        LLVMModuleRef module = new LLVMModuleRef();
        BytePointer error = new BytePointer((Pointer) null);
        if (LLVMParseIRInContext(context, buffer, module, error) != 0) {
            throw new IllegalStateException("LLVM rejected the IR jcc wrote: " + error.getString());
        }
        verify(module);
        return module;
    }

    public void verify(LLVMModuleRef module) {
        BytePointer error = new BytePointer((Pointer) null);
        if (LLVMVerifyModule(module, LLVMReturnStatusAction, error) != 0) {
            throw new IllegalStateException("LLVM module does not verify: " + error.getString());
        }
    }

    /** Runs a new-pass-manager pipeline, e.g. "default<O2>" or "mem2reg". */
    public void runPasses(LLVMModuleRef module, String pipeline) {
        LLVMPassBuilderOptionsRef options = LLVMCreatePassBuilderOptions();
        LLVMErrorRef err = LLVMRunPasses(module, pipeline, machine, options);
        LLVMDisposePassBuilderOptions(options);
        if (err != null && !err.isNull()) {
            BytePointer msg = LLVMGetErrorMessage(err);
            String text = msg.getString();
            LLVMDisposeErrorMessage(msg);
            throw new IllegalStateException("LLVM passes '" + pipeline + "' failed: " + text);
        }
    }

    public String print(LLVMModuleRef module) {
        BytePointer p = LLVMPrintModuleToString(module);
        String s = p.getString();
        LLVMDisposeMessage(p);
        return s;
    }

    public void emitObject(LLVMModuleRef module, Path out) {
        BytePointer error = new BytePointer((Pointer) null);
        if (LLVMTargetMachineEmitToFile(machine, module, new BytePointer(out.toString()), LLVMObjectFile, error) != 0) {
            throw new IllegalStateException("LLVM could not emit " + out + ": " + error.getString());
        }
    }

    @Override
    public void close() {
        LLVMDisposeTargetMachine(machine);
        LLVMContextDispose(context);
    }
}
