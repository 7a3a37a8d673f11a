/** Static fields holding runtime-substituted objects made at build time: a StringBuilder and a String built by it. */
public class StaticBuilders {
    static final StringBuilder LOG = new StringBuilder("start;");
    static final String BUILT = new StringBuilder("ab").reverse().append(12).toString();

    static void note(String s) {
        LOG.append(s).append(';');
    }

    public static void main(String[] args) {
        note("one");
        note("two");
        System.out.println(LOG + " " + LOG.length() + " " + BUILT + " " + BUILT.length());
    }
}
