package lichen.jcc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The jcc command line: a Java-subset compiler that works like a C compiler. */
public final class Main {
    static final String USAGE = """
            usage: jcc [check | unsafe] [options] INPUT...
                   jcc tool NAME

            Compiles a program in Lichen's Java subset (docs/subset.md) to a static AArch64 executable.
            INPUT is a .java file, a directory of class files, or a jar.

              tool NAME           print the path of an LLVM tool of jcc's own toolchain (clang, ld.lld, llvm-objcopy)
              check               run only the subset checks; print diagnostics and exit
              unsafe              list the @Unsafe classes of the class directories given, with their line counts
              --target linux      a static AArch64 Linux executable (default)
              --target kernel     the kernel: EL1, no FP/SIMD, entry CLASS.start(long dtb, long freeMemory);
                                  with -o NAME, writes NAME (an arm64 Image) and NAME.elf
              -T FILE             the linker script (kernel)
              FILE.S              assembly, assembled by LLVM and linked in
              -o FILE             the output (default: the main class's simple name)
              --main CLASS        the class whose main runs, when there is more than one
              -cp PATH            more class directories or jars (':'-separated), for compiling and linking
              -O0 | -O2           optimisation level (default -O2)
              --emit-llvm         also write the optimised IR to FILE.ll
              --dump-after=PASS   print what PASS hands on to standard output: the classes (load, check),
                                  the reachable methods, the layouts, the IR (lower, optimize)
              --help              this text

            Passes: frontend load check entry reachability layout lower optimize link
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length > 0 && args[0].equals("tool")) return printTool(args);
        Options o = new Options();
        try {
            parse(args, o);
        } catch (IllegalArgumentException e) {
            System.err.println("jcc: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        if (o.listUnsafe) {
            UnsafeSurface.print(UnsafeSurface.scan(o.inputs), System.out);
            return 0;
        }
        if (o.inputs.isEmpty()) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("jcc");
            o.workDir = work;
            Pipeline.run(new Compilation(o), System.out);
            return 0;
        } catch (CompileError e) {
            System.err.println(e.getMessage().startsWith("jcc") ? e.getMessage() : "jcc: error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("jcc: " + e.getMessage());
            return 1;
        } finally {
            if (work != null) deleteTree(work);
        }
    }

    /** jcc tool NAME: where the LLVM artifact's executable NAME is, so that scripts build C with the same clang. */
    private static int printTool(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: jcc tool NAME");
            return 2;
        }
        try {
            System.out.println(lichen.jcc.backend.Toolchain.get().tool(args[1]));
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("jcc: " + e.getMessage());
            return 1;
        }
    }

    static void parse(String[] args, Options o) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> { o.inputs.clear(); return; }
                case "check" -> o.checkOnly = true;
                case "unsafe" -> o.listUnsafe = true;
                case "-o" -> o.output = Path.of(value(args, ++i, a));
                case "--main" -> o.mainClass = value(args, ++i, a);
                case "--target" -> {
                    String t = value(args, ++i, a);
                    o.target = switch (t) {
                        case "linux" -> Options.Target.LINUX;
                        case "kernel" -> Options.Target.KERNEL;
                        default -> throw new IllegalArgumentException("unknown target '" + t + "' (linux, kernel)");
                    };
                }
                case "-cp", "--class-path" -> {
                    for (String p : value(args, ++i, a).split(":")) if (!p.isEmpty()) o.classPath.add(Path.of(p));
                }
                case "-T" -> o.linkerScript = Path.of(value(args, ++i, a));
                case "-O0" -> o.optimise = false;
                case "-O2" -> o.optimise = true;
                case "--emit-llvm" -> o.emitLlvm = true;
                default -> {
                    if (a.startsWith("--dump-after=")) {
                        o.dumpAfter = a.substring("--dump-after=".length());
                        if (Pipeline.PASSES.stream().noneMatch(p -> p.name().equals(o.dumpAfter))) {
                            throw new IllegalArgumentException("no pass named '" + o.dumpAfter + "'");
                        }
                    } else if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    } else {
                        Path p = Path.of(a);
                        if (!Files.exists(p)) throw new IllegalArgumentException("no such file: " + a);
                        if (a.endsWith(".S") || a.endsWith(".s")) o.assembly.add(p);
                        else o.inputs.add(p);
                    }
                }
            }
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
