package lichen.libkernel.container;

/**
 * The link an object embeds to sit on an {@link IntrusiveList} (Linux's
 * struct list_head): membership costs no allocation, and removal is O(1)
 * given the object. A node is on at most one list at a time.
 */
public final class ListNode<T> {
    final T owner;
    ListNode<T> prev;
    ListNode<T> next;
    IntrusiveList<T> list;

    public ListNode(T owner) { this.owner = owner; }

    public T owner() { return owner; }

    public boolean isLinked() { return list != null; }

    /** The list the node is on, or null. */
    public IntrusiveList<T> list() { return list; }
}
