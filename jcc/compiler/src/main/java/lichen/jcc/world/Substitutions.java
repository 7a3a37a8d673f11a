package lichen.jcc.world;

import org.objectweb.asm.commons.Remapper;

import java.util.Map;
import java.util.TreeMap;

/**
 * The runtime's substitution rule: {@code lichen/rt/<pkg>/T<Name>} is
 * {@code <pkg>/<Name>} in compiled programs (nested classes follow their
 * outer class). See docs/jcc-runtime.md.
 */
public final class Substitutions extends Remapper {
    static final String PREFIX = "lichen/rt/";

    /** Java name (java/lang/String) to the runtime class that implements it (lichen/rt/java/lang/TString). */
    private final Map<String, String> byJavaName = new TreeMap<>();

    /** Registers a runtime class file name if it is a substitute; returns whether it was. */
    boolean register(String runtimeName) {
        String java = javaNameOf(runtimeName);
        if (java == null) return false;
        byJavaName.put(java, runtimeName);
        return true;
    }

    /** The Java name a runtime class stands for, or null when it is not a substitute. */
    static String javaNameOf(String runtimeName) {
        if (!runtimeName.startsWith(PREFIX)) return null;
        String rest = runtimeName.substring(PREFIX.length());
        int slash = rest.lastIndexOf('/');
        if (slash < 0) return null;
        String pkg = rest.substring(0, slash + 1);
        if (!pkg.startsWith("java/") && !pkg.startsWith("lichen/")) return null;
        String simple = rest.substring(slash + 1);
        if (simple.length() < 2 || simple.charAt(0) != 'T' || !Character.isUpperCase(simple.charAt(1))) return null;
        return pkg + simple.substring(1);
    }

    /** The runtime class file that implements a Java class, or null. */
    public String runtimeClassFor(String javaName) {
        String direct = byJavaName.get(javaName);
        if (direct != null) return direct;
        int dollar = javaName.indexOf('$');
        if (dollar > 0) {
            String outer = byJavaName.get(javaName.substring(0, dollar));
            if (outer != null) return outer + javaName.substring(dollar);
        }
        return null;
    }

    public boolean isSubstituted(String javaName) { return runtimeClassFor(javaName) != null; }

    @Override
    public String map(String internalName) {
        int dollar = internalName.indexOf('$');
        String outer = dollar > 0 ? internalName.substring(0, dollar) : internalName;
        String java = javaNameOf(outer);
        if (java == null) return internalName;
        return dollar > 0 ? java + internalName.substring(dollar) : java;
    }
}
