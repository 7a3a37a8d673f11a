/** A field read through null: NullPointerException, status 1. */
public class NullDereference {
    static class Node {
        int value;
        Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    public static void main(String[] args) {
        Node list = new Node(1, new Node(2, new Node(3, null)));
        Node n = list;
        for (int i = 0; i < 4; i++) {
            System.out.println("value " + n.value);
            n = n.next;
        }
    }
}
