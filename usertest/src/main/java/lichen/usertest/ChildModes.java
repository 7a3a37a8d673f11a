package lichen.usertest;

/**
 * What usertest does when a test executes it again: {@code usertest --child
 * MODE ARGS}. The exit status is the answer the test checks.
 */
public final class ChildModes {
    private ChildModes() {}

    /**
     * {@code --child exit N}: exit with status N (proves execve passed argv).
     * {@code --child argc A...}: exit with the number of arguments after "argc".
     * Anything else exits 100.
     */
    public static int run(String[] args) {
        if (args.length == 3 && args[1].equals("exit")) {
            int v = 0;
            String s = args[2];
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9' || v > 25) {
                    return 100;
                }
                v = v * 10 + (ch - '0');
            }
            return v > 255 ? 100 : v;
        }
        if (args.length >= 2 && args[1].equals("argc")) {
            return args.length - 2;
        }
        return 100;
    }
}
