package lichen.jcc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the command line asked for. */
public final class Options {
    /**
     * What jcc builds: a static Linux executable that makes system calls, or
     * the kernel, which runs at EL1 with no operating system below it, no
     * floating-point registers (strict alignment too: it starts with the MMU
     * off) and whose runtime's "system calls" go to the kernel's own services.
     */
    public enum Target {
        LINUX("aarch64-unknown-linux-gnu", ""),
        KERNEL("aarch64-unknown-none-elf", "+strict-align,-neon,-fp-armv8");

        public final String triple;
        public final String features;

        Target(String triple, String features) {
            this.triple = triple;
            this.features = features;
        }

        public boolean isKernel() { return this == KERNEL; }
    }

    public Target target = Target.LINUX;
    public Path output;
    public String mainClass;
    public boolean optimise = true;
    public boolean emitLlvm;
    public boolean checkOnly;
    /** {@code jcc unsafe}: list the @Unsafe surface instead of compiling. */
    public boolean listUnsafe;
    public String dumpAfter;
    /** The last pass to run ("check" for {@code jcc check}); null runs them all. */
    public String stopAfter;
    public final List<Path> inputs = new ArrayList<>();
    public final List<Path> classPath = new ArrayList<>();
    public Path workDir;
    /** Assembly sources (.S), assembled by LLVM and linked in. */
    public final List<Path> assembly = new ArrayList<>();
    /** The linker script, for the kernel. */
    public Path linkerScript;
}
