package lichen.usertest.sys;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SyscallNumbersTest {
    private static final Path HEADER = Path.of("/usr/include/asm-generic/unistd.h");

    /** __NR_x and __NR3264_x from the header; __NR_x defined as __NR3264_y is resolved the 64-bit way. */
    private static Map<String, Integer> genericTable() throws IOException {
        Map<String, Integer> numbers = new HashMap<>();
        Map<String, String> aliases = new HashMap<>();
        Pattern define = Pattern.compile("^#define __NR(3264)?_(\\w+)\\s+(\\w+)");
        for (String line : Files.readAllLines(HEADER)) {
            Matcher m = define.matcher(line);
            if (!m.find()) {
                continue;
            }
            String key = (m.group(1) != null ? "3264_" : "") + m.group(2);
            String value = m.group(3);
            if (value.matches("\\d+")) {
                numbers.put(key, Integer.parseInt(value));
            } else if (value.startsWith("__NR3264_")) {
                aliases.put(key, "3264_" + value.substring("__NR3264_".length()));
            }
        }
        aliases.forEach((name, target) -> numbers.putIfAbsent(name, numbers.get(target)));
        return numbers;
    }

    @Test
    void matchTheGenericTable() throws Exception {
        assumeTrue(Files.exists(HEADER), "needs the kernel headers (linux-libc-dev)");
        Map<String, Integer> table = genericTable();
        int checked = 0;
        for (Field f : SyscallNumbers.class.getFields()) {
            String name = f.getName().toLowerCase(Locale.ROOT);
            Integer expected = table.get(name);
            assertNotNull(expected, name + " is not in " + HEADER);
            assertEquals(expected.intValue(), f.getInt(null), name);
            checked++;
        }
        assertTrue(checked > 40);
    }
}
