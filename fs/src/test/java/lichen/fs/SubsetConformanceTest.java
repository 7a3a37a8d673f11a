package lichen.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fs sources that jcc compiles (all but @HostOnly classes) stay inside
 * docs/subset.md: no catch, synchronized, threads, boxed types, java.util
 * collections, java.io, java.nio or String.format. A textual guard that runs
 * without the compiler; `jcc check fs/target/classes` is the full check.
 */
class SubsetConformanceTest {
    static final Pattern[] FORBIDDEN = {
        Pattern.compile("\\bcatch\\s*\\("),
        Pattern.compile("\\bsynchronized\\b"),
        Pattern.compile("\\bnew Thread\\b|\\bThread\\."),
        Pattern.compile("\\b(Integer|Long|Boolean|Short|Byte|Character|Double|Float)\\s+[a-z]\\w*\\s*[=;,)]"),
        Pattern.compile("<\\s*(Integer|Long|Boolean|Short|Byte|Character|Double|Float)\\s*>"),
        Pattern.compile("java\\.util\\.(List|ArrayList|Map|HashMap|Set|HashSet|Collections|stream)"),
        Pattern.compile("import java\\.(io|nio)\\."),
        Pattern.compile("String\\.format|\\.printf\\("),
        Pattern.compile("getClass\\(\\)|Class\\.forName"),
    };

    @Test
    void compiledSourcesUseOnlyTheSubset() throws IOException {
        Path root = Path.of("src/main/java/lichen/fs");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(p);
                if (text.contains("@HostOnly")) continue;
                checked++;
                String[] lines = text.split("\n");
                for (int i = 0; i < lines.length; i++) {
                    String code = lines[i].replaceAll("//.*", "");
                    if (code.trim().startsWith("*") || code.trim().startsWith("/*")) continue;
                    for (Pattern f : FORBIDDEN) {
                        if (f.matcher(code).find()) problems.add(p + ":" + (i + 1) + ": " + lines[i].trim());
                    }
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked + " files");
        assertEquals(List.of(), problems);
    }
}
