package lichen.libkernel.boot;

/**
 * The kernel command line (the device tree's /chosen bootargs) as Linux reads
 * it for init (Documentation/admin-guide/kernel-parameters.rst, init/main.c):
 * {@code init=} names the first program; the kernel's own parameters are
 * consumed; any other word before "--" goes to init, "name=value" words in its
 * environment and plain words in its argv; every word after "--" goes to its
 * argv. Words with a dot are module parameters and are not passed on.
 * {@code root=} names the root device ({@link #root}).
 */
public final class CommandLine {
    /** The parameters this kernel reads or accepts and ignores (Linux's, so one command line serves both). */
    private static final String[] KERNEL_PARAMETERS = {"console", "earlycon", "root", "rootfstype", "rootwait", "rw", "ro",
            "init", "rdinit", "quiet", "debug", "loglevel", "panic", "kpti", "nokaslr"};
    /** Linux's envp_init: what init's environment holds before the command line adds to it. */
    private static final String[] DEFAULT_ENV = {"HOME=/", "TERM=linux"};

    private final String init;
    private final String root;
    private final String[] argv;
    private final String[] envp;

    private CommandLine(String init, String root, String[] argv, String[] envp) {
        this.init = init;
        this.root = root;
        this.argv = argv;
        this.envp = envp;
    }

    public static CommandLine parse(String bootargs) {
        String[] words = words(bootargs == null ? "" : bootargs);
        String init = "/init", root = null;
        int argc = 1, envc = DEFAULT_ENV.length;
        boolean rest = false;
        for (String w : words) {
            if (rest) argc++;
            else if (w.equals("--")) rest = true;
            else if (w.startsWith("init=")) init = w.substring(5);
            else if (w.startsWith("root=")) root = w.substring(5);
            else if (!passedOn(w)) continue;
            else if (w.indexOf('=') >= 0) envc++;
            else argc++;
        }
        String[] argv = new String[argc], envp = new String[envc];
        argv[0] = init;
        System.arraycopy(DEFAULT_ENV, 0, envp, 0, DEFAULT_ENV.length);
        int a = 1, e = DEFAULT_ENV.length;
        rest = false;
        for (String w : words) {
            if (rest) argv[a++] = w;
            else if (w.equals("--")) rest = true;
            else if (w.startsWith("init=") || !passedOn(w)) continue;
            else if (w.indexOf('=') >= 0) envp[e++] = w;
            else argv[a++] = w;
        }
        return new CommandLine(init, root, argv, envp);
    }

    /** A word before "--" that is neither the kernel's nor a module's goes to init. */
    private static boolean passedOn(String w) {
        int eq = w.indexOf('=');
        String name = eq < 0 ? w : w.substring(0, eq);
        if (name.indexOf('.') >= 0) return false;
        for (String k : KERNEL_PARAMETERS) if (k.equals(name)) return false;
        return true;
    }

    private static String[] words(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            while (i < s.length() && s.charAt(i) == ' ') i++;
            if (i == s.length()) break;
            n++;
            while (i < s.length() && s.charAt(i) != ' ') i++;
        }
        String[] out = new String[n];
        n = 0;
        for (int i = 0; i < s.length(); ) {
            while (i < s.length() && s.charAt(i) == ' ') i++;
            if (i == s.length()) break;
            int start = i;
            while (i < s.length() && s.charAt(i) != ' ') i++;
            out[n++] = s.substring(start, i);
        }
        return out;
    }

    /** The root device root= names (Linux's, such as /dev/vda), or null when the command line names none. */
    public String root() { return root; }

    /** The first program's path (init=, else /init). */
    public String init() { return init; }

    /** init's argv: its path, then the words passed on. */
    public String[] argv() { return argv; }

    /** init's environment. */
    public String[] envp() { return envp; }
}
