/** A lambda cast to an intersection with Serializable (javac's altMetafactory, FLAG_SERIALIZABLE) and with a marker. */
public class SerializableLambda {
    interface Marker {}

    public static void main(String[] args) {
        Runnable m = (Runnable & Marker) () -> System.out.println("marked");
        m.run();
        System.out.println(m instanceof Marker);
        Runnable r = (Runnable & java.io.Serializable) () -> System.out.println("ran");
        r.run();
        System.out.println(r instanceof java.io.Serializable);
    }
}
