package lichen.libkernel;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/subset.md, checked on libkernel's sources until jcc's own checker
 * covers them: every main source file that is not @HostOnly stays in the subset.
 */
class SubsetConformanceTest {
    static final List<Path> kernelSources = new ArrayList<>();
    static final List<String> texts = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(p).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
                if (text.contains("@HostOnly")) continue;
                kernelSources.add(p);
                texts.add(text);
            }
        }
        assertTrue(kernelSources.size() > 40, "found " + kernelSources.size() + " sources");
    }

    static void assertNone(String rule, Pattern p) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) if (p.matcher(texts.get(i)).find()) bad.add(kernelSources.get(i).toString());
        assertEquals(List.of(), bad, rule);
    }

    @Test
    void noKernelCodeCatchesExceptions() { assertNone("catch", Pattern.compile("\\bcatch\\s*\\(")); }

    @Test
    void noKernelCodeUsesSynchronizedOrThreads() {
        assertNone("synchronized/threads", Pattern.compile("\\bsynchronized\\b|\\bThread\\b|\\.wait\\(|\\.notify(All)?\\("));
    }

    @Test
    void noKernelCodeUsesJavaUtilCollectionsIoOrReflection() {
        assertNone("java.util collections, java.io, java.nio, reflection",
                Pattern.compile("java\\.util\\.(?!Arrays\\b|Objects\\b|function\\.|Iterator\\b|Comparator\\b)[A-Z]|java\\.io\\.|java\\.nio\\.|java\\.lang\\.reflect|java\\.lang\\.invoke"));
    }

    @Test
    void noKernelCodeBoxesPrimitives() {
        assertNone("boxing", Pattern.compile("<\\s*(Integer|Long|Short|Byte|Character|Boolean|Float|Double)\\s*[>,]|\\b(Integer|Long|Boolean)\\.valueOf\\(|\\bnew (Integer|Long)\\("));
    }

    @Test
    void noKernelCodeUsesStringFormat() { assertNone("String.format / printf", Pattern.compile("String\\.format|\\.printf\\(|\\.formatted\\(")); }
}
