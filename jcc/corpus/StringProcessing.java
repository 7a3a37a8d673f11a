/** String processing: reversal, palindromes, case, trimming, searching, splitting by hand, Caesar cipher, run-length coding. */
public class StringProcessing {
    static String reverse(String s) {
        char[] c = s.toCharArray();
        for (int i = 0, j = c.length - 1; i < j; i++, j--) {
            char t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        return new String(c);
    }

    static boolean palindrome(String s) {
        int i = 0, j = s.length() - 1;
        while (i < j) {
            char a = s.charAt(i), b = s.charAt(j);
            if (!Character.isLetterOrDigit(a)) i++;
            else if (!Character.isLetterOrDigit(b)) j--;
            else if (Character.toLowerCase(a) != Character.toLowerCase(b)) return false;
            else { i++; j--; }
        }
        return true;
    }

    static String caesar(String s, int k) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 'a' && c <= 'z') sb.append((char) ('a' + Math.floorMod(c - 'a' + k, 26)));
            else if (c >= 'A' && c <= 'Z') sb.append((char) ('A' + Math.floorMod(c - 'A' + k, 26)));
            else sb.append(c);
        }
        return sb.toString();
    }

    static String rle(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int j = i;
            while (j < s.length() && s.charAt(j) == s.charAt(i)) j++;
            sb.append(j - i).append(s.charAt(i));
            i = j;
        }
        return sb.toString();
    }

    static int countOf(String hay, String needle) {
        int n = 0;
        for (int at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) n++;
        return n;
    }

    public static void main(String[] args) {
        String[] samples = {"racecar", "A man, a plan, a canal: Panama", "hello", "", "No 'x' in Nixon", "ab"};
        for (String s : samples) System.out.println("'" + reverse(s) + "' " + palindrome(s));
        String secret = caesar("Attack at Dawn, zebra!", 3);
        System.out.println(secret + " -> " + caesar(secret, -3));
        System.out.println(rle("aaabccddddde") + " " + rle("x") + " " + rle(""));
        String s = "  The Quick Brown Fox  ";
        System.out.println("[" + s.trim() + "] [" + s.toUpperCase() + "] [" + s.toLowerCase().trim() + "]");
        System.out.println(s.indexOf('Q') + " " + s.lastIndexOf("o") + " " + s.contains("Brown") + " " + s.startsWith("  The") + " " + s.trim().endsWith("Fox"));
        System.out.println(countOf("abababab", "aba") + " " + countOf("mississippi", "ss") + " " + "ab".repeat(3) + " " + "x".compareTo("abc"));
        String csv = "alpha,beta,,gamma,delta";
        int start = 0, field = 0;
        while (true) {
            int comma = csv.indexOf(',', start);
            String part = comma < 0 ? csv.substring(start) : csv.substring(start, comma);
            System.out.println("field " + field++ + ": '" + part + "' " + part.length());
            if (comma < 0) break;
            start = comma + 1;
        }
        StringBuilder sb = new StringBuilder("0123456789");
        sb.reverse();
        sb.setCharAt(0, 'X');
        sb.insert(3, '-');
        sb.setLength(8);
        System.out.println(sb + " " + sb.length() + " " + sb.charAt(4) + " " + "Hello".equals("hello") + " " + "b".compareTo("a"));
    }
}
