package lichen.jcc.check;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Words have no identity, no null and are never Objects (WordRule): each refusal at its position, and the accepted forms. */
class WordRuleTest {
    private static final String NOT_OBJECT = "a word is a 64-bit value, not an Object (convert it with raw() or toString())";

    @Test
    void identityComparisonIsRejectedAtTheOperator() throws IOException {
        assertEquals(List.of("""
                Same.java:4:18: error: a VA has no identity: compare words with equals or sameAs, not == or !=
                        return a == b;
                                 ^"""), CheckedSources.diagnose("Same", """
                import lichen.api.*;
                public class Same {
                    static boolean same(VA a, VA b) {
                        return a == b;
                    }
                }
                """));
    }

    @Test
    void nullIsNeitherAWordNorComparedWithOne() throws IOException {
        assertEquals(List.of("""
                Nulls.java:4:16: error: null is not a VA: a word has no null (use a zero word, such as UA.nil())
                        return null;
                               ^""", """
                Nulls.java:7:18: error: a PA is never null: a word is a 64-bit value (compare raw() with 0, or use isNull())
                        if (p == null) return 1;
                                 ^"""), CheckedSources.diagnose("Nulls", """
                import lichen.api.*;
                public class Nulls {
                    static VA none() {
                        return null;
                    }
                    static int missing(PA p) {
                        if (p == null) return 1;
                        return 0;
                    }
                }
                """));
    }

    @Test
    void aWordStoredOrPassedAsAnObjectIsRejected() throws IOException {
        assertEquals(List.of("""
                Escape.java:5:9: error: a VA is a word and cannot be stored in field sink of type Object: %s
                        sink = a;
                        ^""".formatted(NOT_OBJECT), """
                Escape.java:7:15: error: a VA is a word and cannot be an element of an array of type Object: %s
                        os[0] = a;
                              ^""".formatted(NOT_OBJECT), """
                Escape.java:8:23: error: a VA is a word and cannot be given identityHashCode (a word has no identity), nor an argument of type Object: %s
                        return System.identityHashCode(a);
                                      ^""".formatted(NOT_OBJECT)), CheckedSources.diagnose("Escape", """
                import lichen.api.*;
                public class Escape {
                    static Object sink;
                    static int store(VA a) {
                        sink = a;
                        Object[] os = new Object[1];
                        os[0] = a;
                        return System.identityHashCode(a);
                    }
                }
                """));
    }

    @Test
    void instanceofAndTypeArgumentsOfWordsAreRejected() throws IOException {
        assertEquals(List.of("""
                Generic.java:3:51: error: a word type is not a type argument: generics hold Objects, and a word is a 64-bit value (use an array of words)
                    static final class Box<T> { T t; } static Box<UA> box;
                                                                  ^""", """
                Generic.java:5:18: error: instanceof involving the word type VA is outside the subset: a word has no class at run time (it is a 64-bit value)
                        return o instanceof VA;
                                 ^"""), CheckedSources.diagnose("Generic", """
                import lichen.api.*;
                public class Generic {
                    static final class Box<T> { T t; } static Box<UA> box;
                    static boolean test(Object o) {
                        return o instanceof VA;
                    }
                }
                """));
    }

    @Test
    void wordsInFieldsArraysLocalsAndTheirOwnMethodsPass() throws IOException {
        assertEquals(List.of(), CheckedSources.diagnose("Fine", """
                import lichen.api.*;
                public class Fine {
                    static final VA BASE = VA.of(0x1000);
                    static final class Mapping { VA start; PA frame; }
                    static VA[] table = new VA[4];
                    static long use(Mapping m, VA v) {
                        VA end = v.add(4096).pageUp();
                        table[0] = end;
                        m.start = table[0];
                        m.frame = PA.ofPage(end.pageNumber());
                        boolean same = end.equals(table[0]) && end.sameAs(m.start) && end.compareTo(BASE) > 0;
                        String s = "at " + end.toString();
                        return same ? s.length() + m.frame.raw() : end.minus(BASE);
                    }
                }
                """));
    }
}
