package lichen.jcc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** --dump-after prints the state each pass hands on, not only the IR. */
class PassDumpTest {
    private static final Map<String, String> PROGRAM = Map.of("Hello", """
            public class Hello {
                static final class Point { int x; long y; int sum() { return x + (int) y; } }
                public static void main(String[] args) {
                    Point p = new Point();
                    p.x = args.length;
                    System.out.println(p.sum());
                }
            }
            """);

    private static String dump(String pass) {
        return PassDump.after(pass, CompilerFixture.compile(PROGRAM, "Hello", pass));
    }

    private static void shows(String pass, String... expected) {
        String text = dump(pass);
        for (String e : expected) assertTrue(text.contains(e), pass + " should show \"" + e + "\":\n" + text.lines().limit(40).toList());
    }

    @Test
    void everyPassBeforeLoweringShowsWhatItMade() {
        shows("frontend", "classes ");
        shows("load", "class path ", "classes loaded so far");
        shows("check", "program Hello$Point extends java/lang/Object", "subset check: no violations");
        shows("entry", "entry Hello.main([Ljava/lang/String;)V");
        shows("reachability", "reachable methods", "method Hello$Point.sum()I", "instantiated Hello$Point");
        shows("layout", "class Hello$Point id ", "  field +", "Hello$Point.x I", "vtable[");
    }

    @Test
    void loweringAndOptimisationShowTheIr() {
        shows("lower", "define ");
        shows("optimize", "define ");
    }
}
