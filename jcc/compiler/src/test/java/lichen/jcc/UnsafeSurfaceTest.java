package lichen.jcc;

import lichen.jcc.front.JavaSources;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnsafeSurfaceTest {
    @Test
    void listsOnlyUnsafeClassesWithTheLinesTheirCodeSpans() throws Exception {
        Path dir = Files.createTempDirectory("unsafe");
        Files.writeString(dir.resolve("Device.java"), """
                @lichen.api.Unsafe
                public class Device {
                    static int read() {
                        return 1;
                    }
                    static int write() {
                        return 2;
                    }
                }
                """);
        Files.writeString(dir.resolve("Plain.java"), """
                public class Plain {
                    static int f() { return 3; }
                }
                """);
        Path classes = JavaSources.compile(List.of(dir.resolve("Device.java"), dir.resolve("Plain.java")), List.of(), dir.resolve("out"));
        List<UnsafeSurface.Entry> entries = UnsafeSurface.scan(List.of(classes));
        assertEquals(1, entries.size());
        assertEquals("Device", entries.getFirst().className());
        assertEquals("Device.java", entries.getFirst().sourceFile());
        assertEquals(6, entries.getFirst().lines(), "from the implicit constructor on line 2 to write's return on line 7");
    }
}
