package lichen.usertest;

/**
 * The tests a run selects from its words ({@code usertest process mmap}):
 * a test is selected when a word is its group or a prefix of its name, so
 * {@code process} runs the process group and {@code mmap} every test whose
 * name starts with "mmap". No words select every test.
 */
public final class Selection {
    private final String[] words;
    private final int count;

    public Selection(String[] words, int count) {
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

    /** The first word that selects no test of {@code tests} (a typo), or null. */
    public String unmatched(TestList tests) {
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

    private static boolean matches(String word, TestCase test) {
        return test.group().equals(word) || test.name().startsWith(word);
    }
}
