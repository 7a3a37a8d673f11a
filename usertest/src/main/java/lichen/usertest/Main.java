package lichen.usertest;

import lichen.usertest.bench.Benchmarks;
import lichen.usertest.sys.Linux;

/**
 * usertest: Lichen's in-guest system-call suite. Runs every test, or those
 * that its words select (groups or name prefixes: {@code usertest process
 * mmap}), prints PASS/FAIL lines and "N passed, N failed", and exits 0 only
 * when nothing failed. docs/usertest.md describes the options.
 */
public final class Main {
    private Main() {}

    private static final int DEFAULT_TIMEOUT_SECONDS = 30;
    /** The arguments usertest was started with (after argv[0]), for the tests of /proc/self/cmdline. */
    private static String[] arguments = new String[0];

    public static String[] arguments() { return arguments; }

    public static void main(String[] args) {
        arguments = args;
        if (args.length > 0 && args[0].equals("--child")) {
            System.exit(ChildModes.run(args));
        }
        if (args.length > 0 && args[0].equals("--bench")) {
            System.exit(Benchmarks.run(args));
        }
        TestList tests = Suite.all();
        String only = null;
        String[] skip = new String[args.length];
        int skipCount = 0;
        String[] words = new String[args.length];
        int wordCount = 0;
        boolean fork = true;
        boolean list = false;
        boolean groups = false;
        boolean qemuUser = false;
        int timeout = DEFAULT_TIMEOUT_SECONDS;
        String tmp = "/tmp";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            if (a.equals("--only") && hasValue) {
                only = args[++i];
            } else if (a.equals("--skip") && hasValue) {
                skip[skipCount++] = args[++i];
            } else if (a.equals("--timeout") && hasValue) {
                timeout = parsePositive(args[++i]);
            } else if (a.equals("--tmp") && hasValue) {
                tmp = args[++i];
            } else if (a.equals("--no-fork")) {
                fork = false;
            } else if (a.equals("--qemu-user")) {
                qemuUser = true;
            } else if (a.equals("--list")) {
                list = true;
            } else if (a.equals("--groups")) {
                groups = true;
            } else if (!a.isEmpty() && !a.startsWith("-")) {
                words[wordCount++] = a;
            } else {
                usage("unknown or incomplete option: " + a);
            }
        }
        if (timeout <= 0) {
            usage("--timeout wants a positive number of seconds");
        }
        if (only != null && tests.find(only) == null) {
            usage("no test named " + only + " (--list shows them)");
        }
        for (int i = 0; i < skipCount; i++) {
            if (tests.find(skip[i]) == null) {
                usage("no test named " + skip[i] + " (--list shows them)");
            }
        }
        Selection selection = new Selection(tests, words, wordCount);
        String unmatched = selection.unmatched();
        if (unmatched != null) {
            usage("\"" + unmatched + "\" is neither a group nor the start of a test's name (--groups, --list show them)");
        }
        if (groups) {
            String[] names = tests.groups();
            for (String g : names) {
                System.out.println(g);
            }
            return;
        }
        if (list) {
            for (int i = 0; i < tests.size(); i++) {
                if (selection.selects(tests.get(i))) {
                    System.out.println(tests.get(i).name());
                }
            }
            return;
        }

        String root = tmp + "/usertest." + Linux.getpid();
        long made = ScratchDirectory.make(root);
        if (made < 0) {
            System.out.println("usertest: cannot make " + root + ": " + lichen.usertest.sys.Errno.describe(made));
            System.exit(2);
        }
        Runner runner = new Runner(root, fork, timeout);
        for (int i = 0; i < tests.size(); i++) {
            TestCase t = tests.get(i);
            if (only != null ? !t.name().equals(only) : !selection.selects(t)) {
                continue;
            }
            String gap = qemuUser ? QemuUserGaps.reason(t.name()) : null;
            if (contains(skip, skipCount, t.name())) {
                runner.skip(t, "--skip");
            } else if (gap != null) {
                runner.skip(t, gap);
            } else {
                runner.run(t);
            }
        }
        ScratchDirectory.removeTree(root, 0);
        System.out.println(runner.summary());
        System.exit(runner.failed() == 0 ? 0 : 1);
    }

    private static boolean contains(String[] names, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static int parsePositive(String s) {
        if (s.isEmpty() || s.length() > 6) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private static void usage(String problem) {
        System.out.println("usertest: " + problem);
        System.out.println("usage: usertest [GROUP | NAME-PREFIX]... [--only NAME] [--skip NAME]... [--qemu-user] [--no-fork]"
                           + " [--timeout SECONDS] [--tmp DIR] [--list] [--groups] | --bench [NAME]...");
        System.exit(2);
    }
}
