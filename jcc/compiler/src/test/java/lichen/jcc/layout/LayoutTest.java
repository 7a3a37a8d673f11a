package lichen.jcc.layout;

import lichen.jcc.Compilation;
import lichen.jcc.CompilerFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The object model: field offsets, type id ranges and vtable slots. */
class LayoutTest {
    private static Compilation c;

    @BeforeAll
    static void compile() {
        c = CompilerFixture.compile(Map.of("Shapes", """
                public class Shapes {
                    static abstract class Shape { byte tag; abstract int area(); int twice() { return 2 * area(); } }
                    static class Rect extends Shape { int w; long id; short h; int area() { return w * h; } }
                    static class Square extends Rect { int area() { return w * w; } }
                    static class Circle extends Shape { double r; int area() { return (int) (3 * r * r); } }
                    public static void main(String[] args) {
                        Shape[] s = { new Rect(), new Square(), new Circle() };
                        int t = 0;
                        for (Shape x : s) t += x.twice() + x.area();
                        System.out.println(t);
                    }
                }
                """), "Shapes", "lower");
    }

    private static Layout.ClassLayout of(String name) { return c.layout.of(c.world.get(name)); }

    @Test
    void superclassFieldsComeFirstAndEachFieldIsAlignedToItsSize() {
        Layout.ClassLayout rect = of("Shapes$Rect");
        assertEquals(8, rect.fieldOffsets.get("Shapes$Shape.tag"), "after the header word");
        assertEquals(12, rect.fieldOffsets.get("Shapes$Rect.w"), "int aligned to 4 after the byte");
        assertEquals(16, rect.fieldOffsets.get("Shapes$Rect.id"), "long aligned to 8");
        assertEquals(24, rect.fieldOffsets.get("Shapes$Rect.h"));
        assertEquals(32, rect.size, "instances are a whole number of words");
        assertEquals(rect.fieldOffsets.get("Shapes$Rect.w"), of("Shapes$Square").fieldOffsets.get("Shapes$Rect.w"),
                "a subclass keeps its superclass's offsets");
    }

    @Test
    void typeIdsNestSubclassesInsideTheirSuperclassRange() {
        Layout.ClassLayout shape = of("Shapes$Shape"), rect = of("Shapes$Rect"), square = of("Shapes$Square"), circle = of("Shapes$Circle");
        assertTrue(shape.id < rect.id && rect.last <= shape.last);
        assertTrue(rect.id < square.id && square.id <= rect.last);
        assertTrue(circle.id > rect.last || circle.last < rect.id, "siblings do not overlap");
        assertEquals(0, of("java/lang/Object").id);
    }

    @Test
    void theClassDescriptorHoldsNameIdsSizeKindAndVtableInTheDocumentedOrder() {
        Layout.ClassLayout rect = of("Shapes$Rect");
        String line = c.ir.lines().filter(l -> l.startsWith("@\"desc:Shapes$Rect\" = ")).findFirst().orElseThrow();
        String type = "{ ptr, i32, i32, i64, ptr, ptr, ptr, i32, i32, i64, [" + rect.vtable.size() + " x ptr] }";
        assertTrue(line.contains(type), line);
        String fields = ", i32 " + rect.id + ", i32 " + rect.last + ", i64 " + rect.size + ", ptr @\"ifaces:Shapes$Rect\", ptr @\"itable:Shapes$Rect\", ptr null, i32 "
                + Layout.KIND_CLASS + ", i32 0, i64 0, ";
        assertTrue(line.contains(fields), "name, id, last, size, interfaces, itable, component, kind, pad, slab head:\n" + line);
        assertTrue(line.contains("ptr @\"Shapes$Rect.area()I\""), "the vtable holds Rect's area:\n" + line);
        assertEquals(Layout.DESC_VTABLE, 8 + 4 + 4 + 8 + 8 + 8 + 8 + 4 + 4 + 8, "DESC_* offsets match the struct");
    }

    @Test
    void anOverrideKeepsItsSuperclassSlot() {
        int slot = of("Shapes$Shape").slot("area()I");
        assertTrue(slot >= 0);
        assertEquals(slot, of("Shapes$Rect").slot("area()I"));
        assertEquals(slot, of("Shapes$Square").slot("area()I"));
        assertEquals(slot, of("Shapes$Circle").slot("area()I"));
    }
}
