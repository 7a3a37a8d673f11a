/** Character classification and conversion over ASCII and Latin-1, digits in radixes, and char arithmetic. */
public class CharacterClasses {
    public static void main(String[] args) {
        StringBuilder digits = new StringBuilder(), letters = new StringBuilder(), spaces = new StringBuilder(), upper = new StringBuilder();
        for (char c = 0; c < 256; c++) {
            if (Character.isDigit(c)) digits.append(c);
            if (Character.isLetter(c)) letters.append(c);
            if (Character.isWhitespace(c)) spaces.append((int) c).append(',');
            if (Character.isUpperCase(c)) upper.append(c);
        }
        System.out.println(digits);
        System.out.println(letters);
        System.out.println(spaces);
        System.out.println(upper);
        System.out.println(Character.toUpperCase('q') + "" + Character.toLowerCase('Q') + Character.toUpperCase('\u00e9') + Character.toLowerCase('\u00c9') + Character.toUpperCase('1'));
        System.out.println(Character.digit('7', 10) + " " + Character.digit('f', 16) + " " + Character.digit('z', 36) + " " + Character.digit('9', 8) + " " + Character.forDigit(11, 16));
        System.out.println(Character.isLetterOrDigit('_') + " " + Character.isLetterOrDigit('x') + " " + Character.isAlphabetic('5') + " " + Character.isLowerCase('\u00df'));
        int checksum = 0;
        for (char c = 'a'; c <= 'z'; c++) checksum = checksum * 31 + Character.toUpperCase(c);
        System.out.println(checksum + " " + (char) ('a' + 25) + " " + (int) Character.MIN_VALUE + " " + Character.toString(65));
    }
}
