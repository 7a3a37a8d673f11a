/** StringBuilder: append of every type, insert, delete, replace, reverse, setLength, indexOf, capacity growth. */
public class StringBuilderOps {
    static final class P {
        public String toString() { return "P!"; }
    }

    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        sb.append(1).append('-').append(2L).append(' ').append(3.5f).append(' ').append(4.25).append(' ').append(true).append(' ')
                .append((Object) null).append(' ').append((String) null).append(' ').append(new P()).append(new char[] {'x', 'y'});
        System.out.println(sb + " " + sb.length());
        sb.setLength(0);
        for (int i = 0; i < 1000; i++) sb.append(i % 10);
        System.out.println(sb.length() + " " + sb.charAt(999) + " " + sb.indexOf("789") + " " + sb.lastIndexOf("0123"));
        StringBuilder t = new StringBuilder("hello world");
        t.insert(0, 'X').insert(6, ",").insert(t.length(), "!");
        System.out.println(t);
        t.delete(0, 1).deleteCharAt(5).replace(0, 5, "HELLO");
        System.out.println(t);
        t.reverse();
        System.out.println(t + " " + t.substring(2, 5));
        t.setLength(3);
        t.append(-0.0).append(Long.MIN_VALUE).append(Integer.MIN_VALUE).append((short) -1).append((byte) 5);
        System.out.println(t);
        t.setCharAt(0, '#');
        System.out.println(t + " " + t.toString().equals(t.toString()) + " " + t.isEmpty());
        StringBuilder u = new StringBuilder("abc");
        u.appendCodePoint(0x1F600).append('d');
        System.out.println(u.length() + " " + u.reverse().charAt(0));
        StringBuilder grow = new StringBuilder(2);
        for (int i = 0; i < 20; i++) grow.append("ab");
        System.out.println(grow.length() + " " + grow);
    }
}
