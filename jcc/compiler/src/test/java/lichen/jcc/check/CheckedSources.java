package lichen.jcc.check;

import lichen.jcc.front.JavaSources;
import lichen.jcc.world.ClassPath;
import lichen.jcc.world.World;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test sources compiled by javac into a fresh directory, then run through the subset checker. */
final class CheckedSources {
    final Path dir;
    final List<Path> files = new ArrayList<>();

    CheckedSources() throws IOException { dir = Files.createTempDirectory("check"); }

    CheckedSources add(String fileName, String text) throws IOException {
        Path f = dir.resolve(fileName);
        Files.writeString(f, text);
        files.add(f);
        return this;
    }

    /** The classes javac made of the sources. */
    Path compile() { return JavaSources.compile(files, List.of(), dir.resolve("classes")); }

    /** The diagnostics, each formatted as jcc prints it, with the temporary directory left out of the file name. */
    List<String> diagnose() {
        Path classes = compile();
        return format(SubsetChecker.diagnose(new World(new ClassPath(List.of(classes))), List.of(classes), files));
    }

    /** The diagnostics for the kernel target. */
    List<String> diagnoseForKernel() {
        Path classes = compile();
        return format(SubsetChecker.diagnose(new World(new ClassPath(List.of(classes))), List.of(classes), files, true));
    }

    List<String> format(List<Diagnostic> ds) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : ds) out.add(d.format().replace(dir + "/", ""));
        return out;
    }

    /** One source file's diagnostics. */
    static List<String> diagnose(String className, String text) throws IOException {
        return new CheckedSources().add(className + ".java", text).diagnose();
    }
}
