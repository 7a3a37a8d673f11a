/** A doubly linked list with a sentinel: add at both ends, remove, reverse in place, merge two sorted lists, iterate. */
public class LinkedList implements Iterable<String> {
    private static final class Node {
        String value;
        Node prev, next;

        Node(String value) { this.value = value; }
    }

    private final Node head = new Node(null);
    private int size;

    LinkedList() {
        head.prev = head;
        head.next = head;
    }

    void addLast(String v) { insertBefore(head, v); }

    void addFirst(String v) { insertBefore(head.next, v); }

    private void insertBefore(Node at, String v) {
        Node n = new Node(v);
        n.prev = at.prev;
        n.next = at;
        at.prev.next = n;
        at.prev = n;
        size++;
    }

    boolean remove(String v) {
        for (Node n = head.next; n != head; n = n.next) {
            if (n.value.equals(v)) {
                n.prev.next = n.next;
                n.next.prev = n.prev;
                size--;
                return true;
            }
        }
        return false;
    }

    void reverse() {
        Node n = head;
        do {
            Node t = n.next;
            n.next = n.prev;
            n.prev = t;
            n = t;
        } while (n != head);
    }

    public java.util.Iterator<String> iterator() {
        return new java.util.Iterator<>() {
            Node at = head.next;

            public boolean hasNext() { return at != head; }

            public String next() {
                String v = at.value;
                at = at.next;
                return v;
            }
        };
    }

    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (String s : this) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(s);
        }
        return sb.append("] size ").append(size).toString();
    }

    static LinkedList merge(LinkedList a, LinkedList b) {
        LinkedList out = new LinkedList();
        var ia = a.iterator();
        var ib = b.iterator();
        String x = ia.hasNext() ? ia.next() : null, y = ib.hasNext() ? ib.next() : null;
        while (x != null || y != null) {
            if (y == null || (x != null && x.compareTo(y) <= 0)) {
                out.addLast(x);
                x = ia.hasNext() ? ia.next() : null;
            } else {
                out.addLast(y);
                y = ib.hasNext() ? ib.next() : null;
            }
        }
        return out;
    }

    public static void main(String[] args) {
        LinkedList l = new LinkedList();
        for (String s : new String[] {"c", "d", "e"}) l.addLast(s);
        l.addFirst("b");
        l.addFirst("a");
        System.out.println(l);
        System.out.println(l.remove("c") + " " + l.remove("zz") + " " + l);
        l.reverse();
        System.out.println(l);
        LinkedList odd = new LinkedList(), even = new LinkedList();
        for (int i = 0; i < 10; i++) (i % 2 == 0 ? even : odd).addLast("n" + i);
        System.out.println(merge(odd, even));
        System.out.println(new LinkedList());
    }
}
