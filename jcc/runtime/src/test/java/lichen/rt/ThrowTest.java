package lichen.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Throw's messages against the ones HotSpot writes for the same failures. */
class ThrowTest {
    static class Shape {}

    static class Circle extends Shape {}

    private static String jvmMessage(Object value, Class<?> target) {
        return assertThrows(ClassCastException.class, () -> target.cast(value)).getMessage();
    }

    @Test
    void classCastMessagesMatchHotSpot() {
        Object[] values = {new Shape(), "text", new int[1], new Shape[1], new String[0], new int[1][1], new Object()};
        Class<?>[] targets = {Circle.class, String.class, Integer.class, long[].class, Circle[].class,
            Integer[].class, Runnable.class};
        for (Object value : values) {
            for (Class<?> target : targets) {
                if (!target.isInstance(value)) {
                    String expected = jvmMessage(value, target);
                    // Class.cast words it "Cannot cast A to B"; a checkcast instruction uses HotSpot's text, so make one.
                    assertEquals(checkcastMessage(value, target), Throw.classCastMessage(value.getClass().getName(), target.getName()),
                            expected);
                }
            }
        }
    }

    private static String checkcastMessage(Object value, Class<?> target) {
        try {
            if (target == Circle.class) {
                Circle c = (Circle) value;
            } else if (target == String.class) {
                String s = (String) value;
            } else if (target == Integer.class) {
                Integer i = (Integer) value;
            } else if (target == long[].class) {
                long[] l = (long[]) value;
            } else if (target == Circle[].class) {
                Circle[] c = (Circle[]) value;
            } else if (target == Integer[].class) {
                Integer[] i = (Integer[]) value;
            } else {
                Runnable r = (Runnable) value;
            }
        } catch (ClassCastException e) {
            return e.getMessage();
        }
        throw new AssertionError("no ClassCastException");
    }
}
