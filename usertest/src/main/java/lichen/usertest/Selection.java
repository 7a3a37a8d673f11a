package lichen.usertest;

/**
 * The tests a run selects from its words ({@code usertest process mmap}):
 * a word that names a group selects that group's tests, any other word the
 * tests whose names start with it. So {@code time} is the time group alone
 * (not times_clock_ticks_advance, which is in system), and {@code mmap}
 * every test whose name starts with "mmap". No words select every test.
 */
public final class Selection {
    private final TestList tests;
    private final String[] words;
    private final int count;

    public Selection(TestList tests, String[] words, int count) {
        this.tests = tests;
        this.words = words;
        this.count = count;
    }

    public boolean selects(TestCase test) {
        if (count == 0) {
            return true;
        }
        for (int i = 0; i < count; i++) {
            if (matches(words[i], test)) {
                return true;
            }
        }
        return false;
    }

    /** The first word that selects no test (a typo), or null. */
    public String unmatched() {
        for (int i = 0; i < count; i++) {
            boolean any = false;
            for (int t = 0; t < tests.size() && !any; t++) {
                any = matches(words[i], tests.get(t));
            }
            if (!any) {
                return words[i];
            }
        }
        return null;
    }

    private boolean matches(String word, TestCase test) {
        return tests.isGroup(word) ? test.group().equals(word) : test.name().startsWith(word);
    }
}
