/** Array covariance: a String[] seen as Object[] accepts Strings and rejects an Integer-free other type with ArrayStoreException. */
public class ArrayCovariance {
    static class Animal {
        String name() { return "animal"; }
    }

    static class Dog extends Animal {
        String name() { return "dog"; }
    }

    static class Cat extends Animal {
        String name() { return "cat"; }
    }

    static void fill(Animal[] zoo, Animal a) {
        for (int i = 0; i < zoo.length; i++) zoo[i] = a;
    }

    public static void main(String[] args) {
        Animal[] zoo = new Animal[2];
        fill(zoo, new Cat());
        System.out.println(zoo[0].name() + " " + zoo[1].name());
        Animal[] dogs = new Dog[2];
        fill(dogs, new Dog());
        System.out.println(dogs[0].name());
        Object[] strings = new String[3];
        strings[0] = "fine";
        strings[1] = null;
        System.out.println(strings[0] + " " + strings[1] + " " + (strings instanceof String[]) + " " + (strings instanceof Object[]));
        Object o = dogs;
        System.out.println((o instanceof Animal[]) + " " + (o instanceof Dog[]) + " " + (o instanceof Cat[]));
        System.out.println("storing a cat among dogs");
        fill(dogs, new Cat());
        System.out.println("not reached");
    }
}
