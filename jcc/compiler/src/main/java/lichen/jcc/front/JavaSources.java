package lichen.jcc.front;

import lichen.jcc.CompileError;

import javax.tools.*;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** javac, in process: jcc's front end. Sources become class files in a directory jcc then reads. */
public final class JavaSources {
    private JavaSources() {}

    /** Compiles the sources against the jcc API and any class-path entries; returns the output directory. */
    public static Path compile(List<Path> sources, List<Path> classPath, Path outDir) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new CompileError("no Java compiler in this JDK: jcc needs a full JDK 25");
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new CompileError("cannot create " + outDir + ": " + e.getMessage());
        }
        List<String> options = new ArrayList<>(List.of("-d", outDir.toString(), "-g", "--release", "25", "-proc:none", "-Xlint:none"));
        StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
        for (Path p : classPath) cp.append(java.io.File.pathSeparator).append(p);
        options.add("-cp");
        options.add(cp.toString());
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            boolean ok = javac.getTask(messages, files, null, options, null, units).call();
            if (!ok) throw new CompileError(messages.toString().strip());
        } catch (IOException e) {
            throw new CompileError("javac: " + e.getMessage());
        }
        return outDir;
    }
}
