import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/** Method references: static, bound, unbound, constructors, array constructors, super and this. */
public class MethodRefs {
    static int square(int x) { return x * x; }

    interface IntOp {
        int apply(int x);
    }

    static class Account {
        private final String owner;
        private long balance;

        Account(String owner) { this.owner = owner; }

        Account(String owner, Long0 initial) {
            this(owner);
            balance = initial.v;
        }

        void deposit(long amount) { balance += amount; }

        long balance() { return balance; }

        String owner() { return owner; }

        public String toString() { return owner + ":" + balance; }
    }

    record Long0(long v) {}

    static class Base {
        String hello() { return "base hello"; }
    }

    static class Child extends Base {
        String hello() { return "child hello"; }

        Supplier<String> parent() { return super::hello; }

        Supplier<String> mine() { return this::hello; }
    }

    public static void main(String[] args) {
        IntOp sq = MethodRefs::square;
        System.out.println(sq.apply(12));
        Function<String, Account> open = Account::new;
        BiFunction<String, Long0, Account> openWith = Account::new;
        Account a = open.apply("ann");
        Account b = openWith.apply("bob", new Long0(500));
        java.util.function.LongConsumer dep = a::deposit;
        dep.accept(70);
        dep.accept(30);
        System.out.println(a + " " + b);
        ToIntFunction<String> length = String::length;
        Function<Account, String> ownerOf = Account::owner;
        System.out.println(length.applyAsInt("unbound") + " " + ownerOf.apply(b));
        IntFunction<int[]> mk = int[]::new;
        int[] made = mk.apply(4);
        System.out.println(made.length);
        IntFunction<String[]> mks = String[]::new;
        System.out.println(mks.apply(2).length);
        String prefix = "pre-";
        Function<String, String> cat = prefix::concat;
        System.out.println(cat.apply("fix"));
        Child c = new Child();
        System.out.println(c.parent().get() + " / " + c.mine().get());
        Supplier<Account> s = () -> new Account("lazy");
        System.out.println(s.get().balance());
        Function<Object, String> str = String::valueOf;
        System.out.println(str.apply(b));
        BiFunction<String, String, Boolean0> sw = (x, y) -> new Boolean0(x.startsWith(y));
        System.out.println(sw.apply("method", "me").b());
    }

    record Boolean0(boolean b) {}
}
