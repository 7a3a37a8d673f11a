package lichen.usertest.bench;

/**
 * {@code usertest --bench [NAME...]}: the user-program benchmarks that
 * scripts/bench-userspace.sh runs on Lichen and on Linux, each printing one
 * {@code BENCH NAME VALUE ns/UNIT} line (docs/kernel.md, "User programs
 * against Linux"). Figures, never verdicts: the exit status is 1 only when a
 * benchmark could not run (a {@code BENCH-ERROR} line says why), 2 for an
 * unknown name. Not part of the test run.
 */
public final class Benchmarks {
    private Benchmarks() {}

    /** In the order they run (all of them when no name is given). */
    static final String[] NAMES = {
        "getpid", "fork_exit_wait", "fork_exec_static", "fork_exec_dynamic", "pipe_pingpong", "open_read_close",
        "mmap_touch_64m", "eventfd_epoll", "cpu_bound_x1", "cpu_bound_x4",
    };

    /** The static program for fork_exec_static: this one, in the image, asked to exit 0 at once (ChildModes). */
    static final String STATIC_TRUE = "/bin/usertest";

    /** The dynamic one: coreutils' true, against the image's glibc. */
    static final String DYNAMIC_TRUE = "/bin/true";

    /** {@code args[0]} is "--bench"; the rest name the benchmarks to run. */
    public static int run(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (!known(args[i])) {
                System.out.println("usertest --bench: no benchmark named " + args[i] + "; they are: " + String.join(" ", NAMES));
                return 2;
            }
        }
        boolean allRan = true;
        for (String name : NAMES) {
            if (args.length == 1 || selected(args, name)) {
                allRan &= runOne(name);
            }
        }
        return allRan ? 0 : 1;
    }

    private static boolean runOne(String name) {
        return switch (name) {
            case "getpid" -> GetpidBench.run(name);
            case "fork_exit_wait" -> ForkWaitBench.run(name, null, new String[0]);
            case "fork_exec_static" -> ForkWaitBench.run(name, STATIC_TRUE, new String[] {"usertest", "--child", "exit", "0"});
            case "fork_exec_dynamic" -> ForkWaitBench.run(name, DYNAMIC_TRUE, new String[] {"true"});
            case "pipe_pingpong" -> PipePingPongBench.run(name);
            case "open_read_close" -> SmallFileReadBench.run(name);
            case "mmap_touch_64m" -> AnonymousTouchBench.run(name);
            case "eventfd_epoll" -> EventfdEpollBench.run(name);
            case "cpu_bound_x1" -> ParallelWorkBench.run(name, 1);
            case "cpu_bound_x4" -> ParallelWorkBench.run(name, 4);
            default -> Measurement.failed(name, "no such benchmark");
        };
    }

    private static boolean known(String name) {
        for (String n : NAMES) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean selected(String[] args, String name) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(name)) {
                return true;
            }
        }
        return false;
    }
}
