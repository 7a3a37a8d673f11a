package lichen.libkernel.container;

/**
 * A doubly linked list threaded through {@link ListNode}s that its elements
 * own. Adding a node that is already on a list, or removing one from a list
 * it is not on, is a kernel bug and panics.
 */
public final class IntrusiveList<T> {
    private ListNode<T> head;
    private ListNode<T> tail;
    private int size;

    public int size() { return size; }

    public boolean isEmpty() { return size == 0; }

    public T first() { return head == null ? null : head.owner; }

    public T last() { return tail == null ? null : tail.owner; }

    public ListNode<T> firstNode() { return head; }

    public ListNode<T> lastNode() { return tail; }

    /** The node after {@code n} on this list, or null. */
    public ListNode<T> nextNode(ListNode<T> n) { return n.next; }

    public ListNode<T> prevNode(ListNode<T> n) { return n.prev; }

    private void checkFree(ListNode<T> n) {
        if (n.list != null) throw new IllegalStateException("list node already linked");
    }

    public void addLast(ListNode<T> n) {
        checkFree(n);
        n.prev = tail;
        n.next = null;
        if (tail == null) head = n; else tail.next = n;
        tail = n;
        n.list = this;
        size++;
    }

    public void addFirst(ListNode<T> n) {
        checkFree(n);
        n.next = head;
        n.prev = null;
        if (head == null) tail = n; else head.prev = n;
        head = n;
        n.list = this;
        size++;
    }

    /** Inserts {@code n} just before {@code at} (which must be on this list). */
    public void addBefore(ListNode<T> at, ListNode<T> n) {
        if (at.list != this) throw new IllegalStateException("anchor node not on this list");
        if (at == head) { addFirst(n); return; }
        checkFree(n);
        n.prev = at.prev;
        n.next = at;
        at.prev.next = n;
        at.prev = n;
        n.list = this;
        size++;
    }

    public void remove(ListNode<T> n) {
        if (n.list != this) throw new IllegalStateException("list node not on this list");
        if (n.prev == null) head = n.next; else n.prev.next = n.next;
        if (n.next == null) tail = n.prev; else n.next.prev = n.prev;
        n.prev = null;
        n.next = null;
        n.list = null;
        size--;
    }

    /** Removes and returns the first element, or null when empty. */
    public T pollFirst() {
        ListNode<T> n = head;
        if (n == null) return null;
        remove(n);
        return n.owner;
    }

    public boolean contains(ListNode<T> n) { return n.list == this; }
}
