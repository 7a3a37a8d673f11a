package lichen.jcc.corpus;

import lichen.jcc.backend.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * jcc's benchmark (docs/jcc-testing.md), run by jcc/bin/jcc-bench with
 * -Djcc.bench=true: jcc's compile time over the corpus, then each program of
 * jcc/bench compiled by jcc -O2 and its C twin by clang -O2 (the clang and
 * ld.lld of the same LLVM artifact), both run under qemu-aarch64, best of
 * three. Figures only; the one check is that both print the same checksum.
 */
@EnabledIfSystemProperty(named = "jcc.bench", matches = "true")
class BenchmarkTest {
    private static final String[][] PROGRAMS = {
            {"Sieve", "sieve.c"}, {"NBody", "nbody.c"}, {"Sha256", "sha256.c"}, {"SortInts", "sortints.c"}, {"HashInts", "hashints.c"}};
    private static final String[] CLANG_FLAGS = {"--target=aarch64-linux-gnu", "-O2", "-ffreestanding", "-nostdlib", "-static",
            "-fwrapv", "-ffp-contract=off", "-fno-math-errno", "-fno-stack-protector"};

    private final StringBuilder report = new StringBuilder();

    @Test
    void benchmark() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("jcc-bench");
        try {
            if (!Boolean.getBoolean("jcc.bench.skipCompileTime")) compileTime(work);
            runTimes(work);
        } finally {
            JccBuild.deleteTree(work);
            Files.writeString(Path.of(System.getProperty("user.dir"), "target", "jcc-bench-report.txt"), report.toString());
        }
    }

    /** Every corpus program at -O2, one after the other, after one warm-up compilation. */
    private void compileTime(Path work) throws IOException {
        Path sources = Corpus.locate();
        List<String> programs = Corpus.list(sources);
        Corpus corpus = Corpus.compile(sources, programs, work.resolve("corpus"));
        String[] error = new String[1];
        JccBuild.compile(corpus.classesOf(programs.getFirst(), work), programs.getFirst(), true, work.resolve("warmup"), error);
        long total = 0, slowest = 0;
        String slowestName = "";
        int compiled = 0;
        for (String p : programs) {
            long start = System.nanoTime();
            Path exe = JccBuild.compile(corpus.classesOf(p, work), p, true, work.resolve("exe-" + p), error);
            long t = System.nanoTime() - start;
            if (exe == null) continue;
            compiled++;
            total += t;
            if (t > slowest) {
                slowest = t;
                slowestName = p;
            }
        }
        print(String.format("jcc compile time (-O2, in process, warm): %d of %d corpus programs in %.1f s, %.2f s per program, slowest %s %.2f s%n",
                compiled, programs.size(), total / 1e9, compiled == 0 ? 0 : total / 1e9 / compiled, slowestName, slowest / 1e9));
    }

    private void runTimes(Path work) throws IOException, InterruptedException {
        Path benchDir = Corpus.locate().resolveSibling("bench");
        List<String> names = new ArrayList<>();
        for (String[] p : PROGRAMS) names.add(p[0]);
        Corpus bench = Corpus.compile(benchDir, names, work.resolve("bench"));
        Toolchain tools = Toolchain.get();
        print(String.format("%n%-10s %12s %12s %8s  %s%n", "program", "jcc -O2 (s)", "clang -O2 (s)", "jcc/clang", "output"));
        List<String> mismatches = new ArrayList<>();
        for (String[] p : PROGRAMS) {
            String[] error = new String[1];
            Path jccExe = JccBuild.compile(bench.classesOf(p[0], work), p[0], true, work.resolve("jcc-" + p[0]), error);
            if (jccExe == null) {
                print(String.format("%-10s jcc failed: %s%n", p[0], error[0].strip()));
                mismatches.add(p[0] + ": jcc failed");
                continue;
            }
            Path object = work.resolve(p[1] + ".o");
            Path clangExe = work.resolve("clang-" + p[0]);
            List<String> cc = new ArrayList<>(List.of(tools.clang().toString()));
            cc.addAll(List.of(CLANG_FLAGS));
            cc.addAll(List.of("-c", benchDir.resolve(p[1]).toString(), "-o", object.toString()));
            check(ProcessOutcome.run(cc, work.resolve("cc-" + p[0]), 120), "clang " + p[1]);
            check(ProcessOutcome.run(List.of(tools.lld().toString(), "-static", "-e", "_start", object.toString(), "-o", clangExe.toString()),
                    work.resolve("ld-" + p[0]), 120), "ld.lld " + p[1]);
            Timed j = bestOfThree(jccExe, work.resolve("run-jcc-" + p[0]));
            Timed c = bestOfThree(clangExe, work.resolve("run-clang-" + p[0]));
            boolean same = j.outcome.stdout().equals(c.outcome.stdout()) && j.outcome.status() == 0 && c.outcome.status() == 0;
            if (!same) mismatches.add(p[0] + ": jcc printed '" + j.outcome.stdout().strip() + "', clang '" + c.outcome.stdout().strip() + "'");
            print(String.format("%-10s %12.2f %12.2f %8.2f  %s%n", p[0], j.seconds, c.seconds, j.seconds / c.seconds,
                    same ? "same: " + j.outcome.stdout().strip() : "DIFFERENT"));
        }
        if (!mismatches.isEmpty()) fail("jcc and clang disagree:\n" + String.join("\n", mismatches));
    }

    private record Timed(double seconds, ProcessOutcome outcome) {}

    private static Timed bestOfThree(Path exe, Path scratch) throws IOException, InterruptedException {
        double best = Double.MAX_VALUE;
        ProcessOutcome last = null;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            last = ProcessOutcome.run(List.of("qemu-aarch64", exe.toString()), scratch, 300);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return new Timed(best, last);
    }

    private static void check(ProcessOutcome o, String what) {
        if (o.status() != 0) throw new IllegalStateException(what + " failed: " + o.stderr());
    }

    private void print(String s) {
        System.out.print(s);
        System.out.flush();
        report.append(s);
    }
}
