package lichen.jcc;

import lichen.jcc.backend.LineTable;
import lichen.jcc.backend.Linker;
import lichen.jcc.backend.Llvm;
import lichen.jcc.check.SubsetChecker;
import lichen.jcc.desugar.IndyDesugar;
import lichen.jcc.front.JavaSources;
import lichen.jcc.image.ImageHeap;
import lichen.jcc.layout.Layout;
import lichen.jcc.lower.ModuleContext;
import lichen.jcc.lower.ModuleWriter;
import lichen.jcc.world.*;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * jcc's passes, in order. Each is one step with one job; {@code --dump-after=NAME}
 * prints the program's state after it (the IR after "lower" and "optimize").
 */
public final class Pipeline {
    public record Pass(String name, Consumer<Compilation> run) {}

    public static final List<Pass> PASSES = List.of(
            new Pass("frontend", Pipeline::frontend),
            new Pass("load", Pipeline::load),
            new Pass("check", c -> SubsetChecker.check(c.world, c.programClassRoots, c.sources, c.options.target.isKernel())),
            new Pass("entry", Pipeline::entry),
            new Pass("reachability", Pipeline::reachability),
            new Pass("layout", c -> c.layout = new Layout(c.world, c.reach)),
            new Pass("lower", c -> c.ir = new ModuleWriter(new ModuleContext(c.world, c.reach, c.layout, c.heap, c.options.target),
                    c.main).write()),
            new Pass("optimize", Pipeline::optimize),
            new Pass("link", Pipeline::link));

    private Pipeline() {}

    public static void run(Compilation c, PrintStream dump) {
        String last = c.options.checkOnly ? "check" : c.options.stopAfter;
        for (Pass p : PASSES) {
            p.run.accept(c);
            if (p.name.equals(c.options.dumpAfter)) dump.print(PassDump.after(p.name, c));
            if (p.name.equals(last)) return;
        }
    }

    private static void frontend(Compilation c) {
        List<Path> sources = c.sources;
        for (Path p : c.options.inputs) {
            if (p.toString().endsWith(".java")) sources.add(p);
            else c.programRoots.add(p);
        }
        if (!sources.isEmpty()) {
            Path out = c.options.workDir.resolve("classes");
            c.programRoots.addFirst(JavaSources.compile(sources, c.options.classPath, out));
        }
        c.programClassRoots.addAll(c.programRoots);
        c.programRoots.addAll(c.options.classPath);
        if (c.programRoots.isEmpty()) throw new CompileError("no input: give .java files, class directories or jars");
    }

    private static void load(Compilation c) {
        c.world = new World(new ClassPath(c.programRoots));
        c.world.onLoad(WordTypes::onLoad);
        IndyDesugar desugar = new IndyDesugar(c.world);
        c.world.onLoad(desugar::run);
        c.heap = new ImageHeap(c.world);
    }

    private static void entry(Compilation c) {
        c.main = c.options.target.isKernel() ? EntryPoints.findKernelStart(c.world, c.options.mainClass)
                : EntryPoints.findMain(c.world, c.programRoots, c.options.mainClass);
    }

    private static void reachability(Compilation c) {
        Reachability r = new Reachability(c.world, c.heap);
        c.reach = r;
        for (String[] root : EntryPoints.RUNTIME_ROOTS) r.addRoot(root[0], root[1], root[2]);
        for (String[] root : c.options.target.isKernel() ? EntryPoints.KERNEL_ROOTS : EntryPoints.LINUX_ROOTS) {
            r.addRoot(root[0], root[1], root[2]);
        }
        r.addRoot(c.main);
    }

    private static void optimize(Compilation c) {
        try (Llvm llvm = new Llvm(c.options.target.triple, "cortex-a72", c.options.target.features, c.options.optimise,
                c.options.target.isKernel())) {
            var module = llvm.parse(c.ir, "jcc");
            llvm.runPasses(module, c.options.optimise ? "default<O2>" : "function(mem2reg)");
            llvm.verify(module); // what the optimiser made is checked too, not only what jcc wrote
            if ("optimize".equals(c.options.dumpAfter)) c.ir = llvm.print(module);
            if (c.options.emitLlvm) write(outputFor(c, ".ll"), llvm.print(module));
            c.object = c.options.workDir.resolve("image.o");
            llvm.emitObject(module, c.object);
        }
    }

    /** Links twice: first with an empty line table, then with the one read from the first link's DWARF. */
    private static void link(Compilation c) {
        if (c.options.emitLlvm && c.options.output != null && c.options.output.toString().endsWith(".ll")) return;
        boolean kernel = c.options.target.isKernel();
        Path image = outputFor(c, "");
        c.image = image;
        Path out = kernel ? Path.of(image + ".elf") : image;
        List<String> flags = new ArrayList<>(List.of("-static", "--gc-sections", "-z", "noexecstack"));
        if (kernel) {
            if (c.options.linkerScript == null) throw new CompileError("--target kernel needs a linker script (-T FILE)");
            flags.addAll(List.of("-nostdlib", "-T", c.options.linkerScript.toString()));
        } else {
            flags.addAll(List.of("-e", "_start"));
        }
        List<Path> objects = new ArrayList<>(List.of(c.object));
        for (Path s : c.options.assembly) objects.add(Linker.assemble(s, c.options.target.triple, c.options.workDir));
        Path table = c.options.workDir.resolve("lines.o");
        objects.add(table);
        emitLineTable(c, java.util.Map.of(), table);
        Linker.link(objects, out, flags);
        emitLineTable(c, LineTable.read(out), table);
        Linker.link(objects, out, flags);
        if (kernel) Linker.run(List.of(lichen.jcc.backend.Toolchain.get().objcopy().toString(), "-O", "binary", out.toString(),
                image.toString()), "llvm-objcopy");
    }

    private static void emitLineTable(Compilation c, java.util.Map<Long, Integer> rows, Path object) {
        String triple = c.options.target.triple;
        try (Llvm llvm = new Llvm(triple, "cortex-a72", c.options.target.features, false, false)) {
            llvm.emitObject(llvm.parse(LineTable.module(rows, triple, ModuleWriter.DATALAYOUT), "lines"), object);
        }
    }

    private static Path outputFor(Compilation c, String suffix) {
        Path out = c.options.output != null ? c.options.output : Path.of(c.main.owner().name().replaceAll(".*/", "").replace('$', '_'));
        if (suffix.isEmpty() || out.toString().endsWith(suffix)) return out;
        return Path.of(out + suffix);
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new CompileError("cannot write " + p + ": " + e.getMessage());
        }
    }
}
