package lichen.jcc.lower;

import lichen.jcc.Compilation;
import lichen.jcc.CompilerFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fields, arrays, type tests, calls and control flow lower to checked, dispatched IR. */
class ObjectsAndCallsLoweringTest {
    private static String ir;

    @BeforeAll
    static void lower() {
        Compilation c = CompilerFixture.compile(Map.of("Prog", """
                @lichen.api.Unsafe
                public class Prog {
                    interface Shape { int area(); }
                    static final class Sq implements Shape { int s; Sq(int s) { this.s = s; } public int area() { return s * s; } }
                    static final class Tri implements Shape { int b; Tri(int b) { this.b = b; } public int area() { return b; } }
                    static abstract class Base { abstract int f(); }
                    static final class Only extends Base { int f() { return 3; } }
                    static int field(Sq q) { return q.s; }
                    static int element(int[] a, int i) { return a[i]; }
                    static void store(Object[] a, Object v) { a[0] = v; }
                    static Sq cast(Object o) { return (Sq) o; }
                    static boolean test(Object o) { return o instanceof Shape; }
                    static int area(Shape s) { return s.area(); }
                    static int single(Base b) { return b.f(); }
                    static int pick(int k) { switch (k) { case 1: return 10; case 2: return 20; case 3: return 30; default: return 0; } }
                    static long dup(long[] a) { return a[0]++; }
                    static long write(byte[] b) { return lichen.api.Syscall.invoke(64, 1, lichen.api.Syscall.addressOf(b), b.length); }
                    public static void main(String[] args) {
                        Shape[] shapes = { new Sq(2), new Tri(3) };
                        int t = 0;
                        for (Shape s : shapes) t += area(s);
                        Object[] objs = new String[1];
                        store(objs, "x");
                        System.out.println(t + field(new Sq(1)) + element(new int[2], 1) + (test(shapes[0]) ? 1 : 0)
                                + cast(shapes[0]).s + single(new Only()) + pick(2) + dup(new long[1]) + write(new byte[0]));
                    }
                }
                """), "Prog", "lower");
        ir = c.ir;
    }

    private static String fn(String name) { return CompilerFixture.function(ir, "Prog." + name); }

    @Test
    void getfieldChecksNullAndLoadsAtTheFieldOffset() {
        String f = fn("field(LProg$Sq;)I");
        assertTrue(f.contains("icmp eq ptr") && f.contains("Throw.nullPointer()V"), f);
        assertTrue(f.contains("getelementptr inbounds i8, ptr") && f.contains("i64 8"), "the first field follows the header word:\n" + f);
    }

    @Test
    void arrayLoadsCheckTheIndexAgainstTheLength() {
        String f = fn("element([II)I");
        assertTrue(f.contains("icmp uge i32") && f.contains("Throw.arrayIndex(II)V"), f);
        assertTrue(f.contains("i64 16"), "elements start at offset 16:\n" + f);
    }

    @Test
    void referenceArrayStoresCheckTheComponentType() {
        String f = fn("store([Ljava/lang/Object;Ljava/lang/Object;)V");
        assertTrue(f.contains("@jcc.storeCheck") && f.contains("Throw.arrayStore"), f);
    }

    @Test
    void aCastToAFinalClassIsARangeCheckThatThrowsClassCastException() {
        String f = fn("cast(Ljava/lang/Object;)LProg$Sq;");
        assertTrue(f.contains("Throw.classCast"), f);
        assertTrue(f.contains("icmp ule i32"), "class tests compare type id ranges:\n" + f);
    }

    @Test
    void anInterfaceTestWalksTheDescriptor() {
        assertTrue(fn("test(Ljava/lang/Object;)Z").contains("@jcc.isSubtype"), fn("test(Ljava/lang/Object;)Z"));
    }

    @Test
    void anInterfaceCallWithTwoImplementationsGoesThroughTheItable() {
        String f = fn("area(LProg$Shape;)I");
        assertTrue(f.contains("@jcc.itable"), f);
        assertFalse(f.contains("@\"Prog$Sq.area()I\"("), "no direct call when two classes implement it:\n" + f);
    }

    @Test
    void aVirtualCallWithOneInstantiatedOverrideIsDirect() {
        String f = fn("single(LProg$Base;)I");
        assertTrue(f.contains("call i32 (ptr) @\"Prog$Only.f()I\""), f);
    }

    @Test
    void aDenseSwitchBecomesAnLlvmSwitch() {
        String f = fn("pick(I)I");
        assertTrue(f.contains("switch i32") && f.contains("i32 1, label") && f.contains("i32 3, label"), f);
    }

    @Test
    void dup2X2OfALongKeepsTheValueAndItsCopy() {
        String f = fn("dup([J)J");
        assertTrue(f.contains("add i64") && f.contains("store i64"), f);
    }

    @Test
    void aSystemCallIsAnSvcWithTheNumberInX8() {
        String f = fn("write([B)J");
        assertTrue(f.contains("asm sideeffect \"svc #0\"") && f.contains("{x8}"), f);
    }
}
