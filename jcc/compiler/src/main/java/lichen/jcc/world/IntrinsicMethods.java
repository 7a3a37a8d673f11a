package lichen.jcc.world;

import java.util.Set;

/**
 * The methods jcc compiles to inline code instead of calls (see
 * lower/IntrinsicCalls): reachability does not follow them, and their bodies,
 * which only throw on the JVM, are never compiled.
 */
public final class IntrinsicMethods {
    private static final Set<String> SINGLE = Set.of(
            "java/lang/Math.sqrt(D)D", "java/lang/StrictMath.sqrt(D)D",
            "java/lang/Float.floatToRawIntBits(F)I", "java/lang/Float.intBitsToFloat(I)F",
            "java/lang/Double.doubleToRawLongBits(D)J", "java/lang/Double.longBitsToDouble(J)D",
            "java/lang/Object.getClass()Ljava/lang/Class;");

    private IntrinsicMethods() {}

    public static boolean isIntrinsic(String owner, String name, String desc) {
        if (owner.startsWith("[") && name.equals("clone")) return true;
        if (owner.equals("lichen/api/Syscall") || owner.equals("lichen/rt/Intrinsics") || owner.equals("lichen/api/Mmio")
                || owner.equals("lichen/api/Cpu")) {
            return true;
        }
        return SINGLE.contains(owner + "." + name + desc);
    }
}
