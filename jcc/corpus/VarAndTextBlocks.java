/** var for locals and loops, text blocks with indentation, escapes and line joins. */
public class VarAndTextBlocks {
    public static void main(String[] args) {
        var n = 10;
        var total = 0L;
        for (var i = 0; i < n; i++) total += (long) i * i;
        var name = "var";
        var sb = new StringBuilder(name);
        var arr = new double[] {1.5, 2.5};
        for (var d : arr) sb.append(d);
        System.out.println(total + " " + sb);
        var poem = """
                Roses are red,
                  violets are blue,
                "quotes" and \\backslashes\\ \
                joined here;
                tab\there, trailing space\s
                end""";
        System.out.println(poem);
        System.out.println(poem.length());
        var json = """
            {
              "k": [1, 2, 3]
            }
            """;
        System.out.print(json);
        var lines = 0;
        for (char c : json.toCharArray()) if (c == '\n') lines++;
        System.out.println(lines + " lines");
        var unicode = "caf\u00e9 \u03bb \u2603";
        System.out.println(unicode + " " + unicode.length());
    }
}
