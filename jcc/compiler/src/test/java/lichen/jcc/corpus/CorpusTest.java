package lichen.jcc.corpus;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The differential proof of jcc (docs/jcc-testing.md): every program of
 * jcc/corpus runs on the JVM and, compiled by jcc at -O0 and at -O2, under
 * qemu-aarch64; standard output, exit status and the first line of standard
 * error must be the same. Runs only with -Djcc.corpus=true (jcc/bin/jcc-corpus).
 *
 * Properties: jcc.corpus.only=A,B (a subset), jcc.corpus.threads (default 2),
 * jcc.corpus.timeout (seconds per run, default 20), jcc.corpus.keep=true
 * (keep the work directory with the executables).
 */
@EnabledIfSystemProperty(named = "jcc.corpus", matches = "true")
class CorpusTest {
    private static final String[] LEVELS = {"O0", "O2"};
    /**
     * The JVM's helpful NullPointerException messages (JEP 358) describe the
     * failing bytecode ("Cannot read field "value" because "n" is null"); jcc
     * prints the plain exception, as the JVM does with this flag.
     */
    // jcc's System.out writes UTF-8 whatever the locale; the JVM is told to do the same.
    private static final String HELPFUL_NPE_OFF = "-XX:-ShowCodeDetailsInExceptionMessages";

    @TestFactory
    List<DynamicNode> corpusAgreesWithTheJvm() throws IOException {
        Path sources = Corpus.locate();
        List<String> programs = Corpus.list(sources);
        if (programs.isEmpty()) throw new IllegalStateException("no programs in " + sources);
        Path work = Files.createTempDirectory("jcc-corpus");
        Corpus corpus = Corpus.compile(sources, programs, work);
        long timeout = Long.getLong("jcc.corpus.timeout", 20);
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("jcc.corpus.threads", 2));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // Programs may use the jcc API (word types): on the JVM those are its ordinary classes.
        String classPath = corpus.classes + System.getProperty("path.separator") + apiClasses();
        Report report = new Report(Path.of(System.getProperty("user.dir"), "target", "jcc-corpus-report.txt"));

        List<DynamicNode> nodes = new ArrayList<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String program : programs) {
            CompletableFuture<ProcessOutcome> jvm = CompletableFuture.supplyAsync(() -> call(() ->
                    ProcessOutcome.run(List.of(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", HELPFUL_NPE_OFF,
                            "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                            "-cp", classPath, program), work.resolve("jvm").resolve(program), timeout)), pool);
            all.add(jvm);
            List<DynamicNode> levels = new ArrayList<>();
            for (String level : LEVELS) {
                CompletableFuture<Result> jcc = CompletableFuture.supplyAsync(() -> call(() -> {
                    Path classes = corpus.classesOf(program, work);
                    Path exe = work.resolve("bin").resolve(program + "-" + level);
                    Files.createDirectories(exe.getParent());
                    String[] error = new String[1];
                    long start = System.nanoTime();
                    Path built = JccBuild.compile(classes, program, level.equals("O2"), exe, error);
                    long compileNanos = System.nanoTime() - start;
                    if (built == null) return new Result(null, "jcc failed: " + error[0], compileNanos);
                    ProcessOutcome run = ProcessOutcome.run(List.of("qemu-aarch64", exe.toString()),
                            work.resolve("qemu").resolve(program + "-" + level), timeout);
                    return new Result(run, null, compileNanos);
                }), pool);
                all.add(jcc);
                levels.add(dynamicTest(level, () -> {
                    ProcessOutcome expected = jvm.join();
                    Result got = jcc.join();
                    String problem = got.error != null ? got.error : got.run.differencesFrom(expected);
                    report.line(program, level, problem, got.compileNanos);
                    if (!problem.isEmpty()) fail(program + " -" + level + ": " + problem);
                }));
            }
            nodes.add(dynamicContainer(program, levels));
        }
        nodes.add(dynamicTest("summary", () -> {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
            pool.shutdown();
            report.summary();
            if (!Boolean.getBoolean("jcc.corpus.keep")) JccBuild.deleteTree(work);
            else System.out.println("corpus work directory kept: " + work);
        }));
        return nodes;
    }

    private record Result(ProcessOutcome run, String error, long compileNanos) {}

    private interface IoCall<T> {
        T call() throws IOException, InterruptedException;
    }

    private static <T> T call(IoCall<T> c) {
        try {
            return c.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where the jcc API's classes (lichen.api) are, for the JVM's runs. */
    private static String apiClasses() {
        try {
            return Path.of(lichen.api.Word.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
