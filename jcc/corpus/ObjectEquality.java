import java.util.Objects;

/** equals/hashCode contracts: identity defaults, custom equals, Objects.equals/hash/requireNonNull, String hash codes. */
public class ObjectEquality {
    static final class Money {
        final long cents;
        final String currency;

        Money(long cents, String currency) {
            this.cents = cents;
            this.currency = Objects.requireNonNull(currency, "currency");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Money m && m.cents == cents && m.currency.equals(currency);
        }

        @Override
        public int hashCode() { return Long.hashCode(cents) * 31 + currency.hashCode(); }

        @Override
        public String toString() { return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100 + " " + currency; }
    }

    static final class Plain {}

    public static void main(String[] args) {
        Money a = new Money(1050, "EUR"), b = new Money(1050, "EUR"), c = new Money(1050, "USD");
        System.out.println(a + " " + a.equals(b) + " " + a.equals(c) + " " + (a.hashCode() == b.hashCode()) + " " + a.hashCode());
        Plain p = new Plain(), q = new Plain();
        System.out.println(p.equals(p) + " " + p.equals(q) + " " + (p.hashCode() == p.hashCode()));
        System.out.println(Objects.equals(null, null) + " " + Objects.equals(a, null) + " " + Objects.equals(a, b) + " " + Objects.hashCode(null));
        String[] strings = {"", "a", "hello", "Hello, World!", "\u00e9t\u00e9", "AaAa", "BBBB"};
        for (String s : strings) System.out.print(s.hashCode() + " ");
        System.out.println();
        String built = new StringBuilder("hel").append("lo").toString();
        System.out.println(built.equals("hello") + " " + (built.hashCode() == "hello".hashCode()) + " " + "hello".equals(null) + " " + "b".equalsIgnoreCase("B"));
        System.out.println(Integer.hashCode(-5) + " " + Long.hashCode(1L << 32) + " " + Double.hashCode(1.5) + " " + Boolean.hashCode(true) + " " + Character.hashCode('x'));
        Objects.requireNonNull(null, "value must not be null");
    }
}
