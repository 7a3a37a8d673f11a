/** Word frequencies in a fixed text: tokenising, lower-casing, a hand-written map, sorting by count then word. */
public class WordCount {
    static final String TEXT = """
            It was the best of times, it was the worst of times, it was the age of wisdom,
            it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
            it was the season of Light, it was the season of Darkness, it was the spring of hope,
            it was the winter of despair, we had everything before us, we had nothing before us.
            """;

    record Entry(String word, int count) {}

    public static void main(String[] args) {
        String[] words = new String[64];
        int[] counts = new int[64];
        int distinct = 0, total = 0;
        StringBuilder cur = new StringBuilder();
        String text = TEXT + " ";
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                cur.append(Character.toLowerCase(c));
            } else if (cur.length() > 0) {
                String w = cur.toString();
                cur.setLength(0);
                total++;
                int j = 0;
                while (j < distinct && !words[j].equals(w)) j++;
                if (j == distinct) words[distinct++] = w;
                counts[j]++;
            }
        }
        Entry[] entries = new Entry[distinct];
        for (int i = 0; i < distinct; i++) entries[i] = new Entry(words[i], counts[i]);
        java.util.Arrays.sort(entries, (a, b) -> a.count() != b.count() ? b.count() - a.count() : a.word().compareTo(b.word()));
        System.out.println(total + " words, " + distinct + " distinct");
        for (Entry e : entries) System.out.println(e.count() + "\t" + e.word());
        int longest = 0;
        for (Entry e : entries) longest = Math.max(longest, e.word().length());
        System.out.println("longest word length " + longest);
    }
}
