/** Sealed class hierarchies: exhaustive switches without default, non-sealed extension, sealed interfaces with records. */
public class SealedClasses {
    abstract static sealed class Vehicle permits Car, Truck, Bike {
        abstract int wheels();
    }

    static final class Car extends Vehicle {
        int wheels() { return 4; }
    }

    static final class Truck extends Vehicle {
        final int axles;

        Truck(int axles) { this.axles = axles; }

        int wheels() { return axles * 2 + 2; }
    }

    static non-sealed class Bike extends Vehicle {
        int wheels() { return 2; }
    }

    static class Tandem extends Bike {
        int seats() { return 2; }
    }

    sealed interface Result<T> permits Ok, Err {}

    record Ok<T>(T value) implements Result<T> {}

    record Err<T>(String message, int code) implements Result<T> {}

    static String toll(Vehicle v) {
        return switch (v) {
            case Car c -> "car: 5";
            case Truck t when t.axles > 3 -> "heavy truck: " + 10 * t.axles;
            case Truck t -> "truck: 15";
            case Tandem t -> "tandem for " + t.seats() + ": 1";
            case Bike b -> "bike: 0";
        };
    }

    static Result<String> parse(String s) {
        if (s.isEmpty()) return new Err<>("empty", 1);
        for (char c : s.toCharArray()) if (!Character.isDigit(c)) return new Err<>("bad char '" + c + "'", 2);
        return new Ok<>("#" + Integer.parseInt(s));
    }

    static String show(Result<String> r) {
        return switch (r) {
            case Ok<String> ok -> "ok " + ok.value();
            case Err<String> err -> "error " + err.code() + ": " + err.message();
        };
    }

    public static void main(String[] args) {
        Vehicle[] vs = {new Car(), new Truck(2), new Truck(5), new Bike(), new Tandem()};
        int wheels = 0;
        for (Vehicle v : vs) {
            System.out.println(toll(v));
            wheels += v.wheels();
        }
        System.out.println("wheels " + wheels);
        for (String s : new String[] {"123", "", "12a", "007"}) System.out.println(show(parse(s)));
        System.out.println(new Ok<>("v") + " " + new Err<String>("m", 3));
    }
}
