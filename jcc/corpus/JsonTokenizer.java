/** A JSON tokenizer and pretty-printer: strings with escapes, numbers, literals, nesting depth; a string switch on keywords. */
public class JsonTokenizer {
    enum Kind { LBRACE, RBRACE, LBRACKET, RBRACKET, COLON, COMMA, STRING, NUMBER, LITERAL }

    record Token(Kind kind, String text) {}

    static Token[] tokenize(String s) {
        Token[] out = new Token[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            switch (c) {
                case '{' -> { out[n++] = new Token(Kind.LBRACE, "{"); i++; }
                case '}' -> { out[n++] = new Token(Kind.RBRACE, "}"); i++; }
                case '[' -> { out[n++] = new Token(Kind.LBRACKET, "["); i++; }
                case ']' -> { out[n++] = new Token(Kind.RBRACKET, "]"); i++; }
                case ':' -> { out[n++] = new Token(Kind.COLON, ":"); i++; }
                case ',' -> { out[n++] = new Token(Kind.COMMA, ","); i++; }
                case '"' -> {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    while (s.charAt(i) != '"') {
                        char d = s.charAt(i++);
                        if (d == '\\') {
                            char e = s.charAt(i++);
                            sb.append(switch (e) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 'u' -> {
                                    char u = (char) Integer.parseInt(s.substring(i, i + 4), 16);
                                    i += 4;
                                    yield u;
                                }
                                default -> e;
                            });
                        } else sb.append(d);
                    }
                    i++;
                    out[n++] = new Token(Kind.STRING, sb.toString());
                }
                default -> {
                    int start = i;
                    while (i < s.length() && "{}[]:,\" \n".indexOf(s.charAt(i)) < 0) i++;
                    String word = s.substring(start, i);
                    Kind k = switch (word) {
                        case "true", "false", "null" -> Kind.LITERAL;
                        default -> Kind.NUMBER;
                    };
                    out[n++] = new Token(k, word);
                }
            }
        }
        Token[] exact = new Token[n];
        System.arraycopy(out, 0, exact, 0, n);
        return exact;
    }

    public static void main(String[] args) {
        String json = """
                {"name": "jcc", "version": 1.5, "tags": ["compiler", "aarch64", "tab\\tand\\u0041"],
                 "nested": {"ok": true, "none": null, "list": [1, -2, 3e5, [ ]]}, "quote": "say \\"hi\\""}
                """;
        Token[] tokens = tokenize(json);
        int[] perKind = new int[Kind.values().length];
        StringBuilder pretty = new StringBuilder();
        int depth = 0, maxDepth = 0;
        for (Token t : tokens) {
            perKind[t.kind().ordinal()]++;
            switch (t.kind()) {
                case LBRACE, LBRACKET -> {
                    pretty.append(t.text()).append('\n').append("  ".repeat(++depth));
                    maxDepth = Math.max(maxDepth, depth);
                }
                case RBRACE, RBRACKET -> pretty.append('\n').append("  ".repeat(--depth)).append(t.text());
                case COMMA -> pretty.append(",\n").append("  ".repeat(depth));
                case COLON -> pretty.append(": ");
                case STRING -> pretty.append('"').append(t.text().replace("\"", "\\\"")).append('"');
                default -> pretty.append(t.text());
            }
        }
        System.out.println(pretty);
        System.out.println(tokens.length + " tokens, depth " + maxDepth + ", per kind " + java.util.Arrays.toString(perKind));
    }
}
