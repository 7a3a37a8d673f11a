package lichen.rt;

/**
 * Tells runtime code whether it runs on the JVM (in a unit test) or compiled
 * by jcc. jcc renames {@code lichen.rt.java.lang.TString} to
 * {@code java.lang.String}, so a string literal is an instance of TString only
 * in compiled code; on the JVM it is the JDK's String. jcc can fold the test
 * to a constant.
 */
public final class Host {
    private Host() {}

    /** True when running on a JVM, false in code compiled by jcc. */
    public static boolean isJvm() {
        Object probe = "";
        return !(probe instanceof lichen.rt.java.lang.TString);
    }
}
