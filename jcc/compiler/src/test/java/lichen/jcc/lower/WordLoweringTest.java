package lichen.jcc.lower;

import lichen.jcc.CompilerFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Word types lower to i64 values (WordTypes): no allocation, no descriptor, no null check, i64 fields and arrays. */
class WordLoweringTest {
    private static String ir;

    @BeforeAll
    static void lower() {
        ir = CompilerFixture.compile(Map.of("Prog", """
                import lichen.api.*;
                public class Prog {
                    static final class Holder { VA at; }
                    static VA[] table = new VA[2];
                    static long walk(long n) {
                        VA v = VA.of(0);
                        long sum = 0;
                        for (long i = 0; i < n; i++) { v = v.add(4096); sum += v.pageNumber(); }
                        return sum;
                    }
                    static VA keep(Holder h, VA v) { h.at = v; table[1] = v; return table[1].add(h.at.raw()); }
                    public static void main(String[] args) {
                        Holder h = new Holder();
                        System.out.println(walk(1000000) + keep(h, VA.of(8)).raw());
                    }
                }
                """), "Prog", "lower").ir;
    }

    private static String fn(String symbol) { return CompilerFixture.function(ir, symbol); }

    @Test
    void aWordIsMadeWithoutAllocation() {
        String of = fn("lichen/api/VA.of(J)Llichen/api/VA;");
        assertTrue(of.startsWith("define internal i64 "), "VA.of returns an i64:\n" + of);
        assertFalse(of.contains("@jcc.newObject") || of.contains("desc:lichen/api/VA"), "VA.of allocates nothing:\n" + of);
        String add = fn("lichen/api/VA.add(J)Llichen/api/VA;");
        assertTrue(add.contains("(i64 %this, i64 %p0)") && add.contains("add i64"), "VA.add is an i64 add on the word itself:\n" + add);
    }

    @Test
    void callsOnWordsAreDirectAndUnchecked() {
        String walk = fn("Prog.walk(J)J");
        assertTrue(walk.contains("@\"lichen/api/VA.add(J)Llichen/api/VA;\"(i64 "), walk);
        assertFalse(walk.contains("nullPointer") || walk.contains("@jcc.newObject"), "no null check, no allocation:\n" + walk);
    }

    @Test
    void wordFieldsAndArrayElementsAreI64() {
        String keep = fn("Prog.keep(LProg$Holder;Llichen/api/VA;)Llichen/api/VA;");
        assertTrue(keep.startsWith("define internal i64 ") && keep.contains("ptr %p0, i64 %p1"), keep);
        assertTrue(keep.contains("store i64 %"), "the field and the element are stored as i64:\n" + keep);
        assertFalse(keep.contains("@jcc.storeCheck"), "an array of words needs no covariance check:\n" + keep);
    }
}
