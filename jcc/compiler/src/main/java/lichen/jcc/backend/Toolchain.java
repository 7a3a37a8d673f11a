package lichen.jcc.backend;

import org.bytedeco.javacpp.Loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The executables that ship inside the bytedeco LLVM artifact: ld.lld, clang,
 * llvm-objcopy, llvm-objdump. Loading them extracts the jar's binaries once
 * into JavaCPP's cache; the executables look for versioned shared libraries
 * (libLLVM.so.20.1) that the jar ships unversioned, so the symlinks are made
 * here (TOOLCHAIN-NOTES.md, "lld, clang ... from the same jar").
 */
public final class Toolchain {
    private static Toolchain instance;

    private final Path binDir;

    private Toolchain(Path binDir) { this.binDir = binDir; }

    public static synchronized Toolchain get() {
        if (instance == null) {
            Path clang = Path.of(Loader.load(org.bytedeco.llvm.program.clang.class));
            Loader.load(org.bytedeco.llvm.program.llvm.class);
            Path dir = clang.getParent();
            linkVersionedLibraries(dir);
            instance = new Toolchain(dir);
        }
        return instance;
    }

    private static void linkVersionedLibraries(Path dir) {
        for (String lib : new String[] {"LLVM", "clang-cpp", "LTO", "Remarks"}) {
            Path real = dir.resolve("lib" + lib + ".so");
            Path versioned = dir.resolve("lib" + lib + ".so.20.1");
            if (Files.exists(real) && !Files.exists(versioned, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createSymbolicLink(versioned, real.getFileName());
                } catch (IOException e) {
                    if (!Files.exists(versioned)) throw new IllegalStateException("cannot link " + versioned + ": " + e.getMessage(), e);
                }
            }
        }
    }

    public Path tool(String name) {
        Path p = binDir.resolve(name);
        if (!Files.isExecutable(p)) throw new IllegalStateException("LLVM tool " + name + " missing in " + binDir);
        return p;
    }

    public Path lld() { return tool("ld.lld"); }
    public Path clang() { return tool("clang"); }
    public Path objcopy() { return tool("llvm-objcopy"); }
    public Path objdump() { return tool("llvm-objdump"); }
}
