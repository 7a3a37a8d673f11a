import java.util.Comparator;

/** Comparator's default reversed() and the static reverseOrder()/naturalOrder(). */
public class ComparatorReversed {
    public static void main(String[] args) {
        String[] words = {"kiwi", "fig", "banana", "apple"};
        Comparator<String> byLength = (a, b) -> Integer.compare(a.length(), b.length());
        java.util.Arrays.sort(words, byLength.reversed());
        System.out.println(String.join(" ", words));
        java.util.Arrays.sort(words, Comparator.reverseOrder());
        System.out.println(String.join(" ", words));
        java.util.Arrays.sort(words, Comparator.naturalOrder());
        System.out.println(String.join(" ", words));
    }
}
