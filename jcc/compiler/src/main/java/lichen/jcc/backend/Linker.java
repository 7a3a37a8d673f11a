package lichen.jcc.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Links objects with the ld.lld that ships in the LLVM artifact. */
public final class Linker {
    private Linker() {}

    public static void link(List<Path> objects, Path output, List<String> extraArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Toolchain.get().lld().toString());
        cmd.addAll(extraArgs);
        for (Path o : objects) cmd.add(o.toString());
        cmd.add("-o");
        cmd.add(output.toString());
        run(cmd, "ld.lld");
    }

    /** Assembles a .S file with LLVM's integrated assembler (clang from the same artifact, preprocessing on). */
    public static Path assemble(Path source, String triple, Path workDir) {
        Path object = workDir.resolve(source.getFileName().toString().replaceAll("\\.[sS]$", "") + ".o");
        run(List.of(Toolchain.get().clang().toString(), "--target=" + triple, "-c", source.toString(), "-o", object.toString()), "clang -c");
        return object;
    }

    /** Runs a tool, failing with its output when it exits non-zero. */
    public static void run(List<String> cmd, String what) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) throw new IllegalStateException(what + " failed:\n" + out);
        } catch (IOException e) {
            throw new IllegalStateException(what + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }
}
