package lichen.jcc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the command line asked for. */
public final class Options {
    public enum Target { LINUX, KERNEL }

    public Target target = Target.LINUX;
    public Path output;
    public String mainClass;
    public boolean optimise = true;
    public boolean emitLlvm;
    public boolean checkOnly;
    public String dumpAfter;
    /** The last pass to run ("check" for {@code jcc check}); null runs them all. */
    public String stopAfter;
    public final List<Path> inputs = new ArrayList<>();
    public final List<Path> classPath = new ArrayList<>();
    public Path workDir;
}
