package lichen.rt;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a call did: its result, or the exception it threw as "Class: message".
 * A runtime substitute's class name loses its T prefix, so
 * TNumberFormatException and NumberFormatException compare equal.
 */
public record Outcome(String description) {
    public static Outcome of(Supplier<?> call) {
        try {
            Object result = call.get();
            if (result instanceof char[] chars) {
                return new Outcome("chars " + new String(chars));
            }
            return new Outcome("returned " + Objects.toString(result));
        } catch (RuntimeException | Error e) {
            String name = e.getClass().getSimpleName();
            if (e.getClass().getPackageName().startsWith("lichen.rt") && name.startsWith("T")) {
                name = name.substring(1);
            }
            return new Outcome("threw " + name + ": " + e.getMessage());
        }
    }

    public static Outcome ofRun(Runnable call) {
        return of(() -> {
            call.run();
            return "nothing";
        });
    }
}
