package lichen.libkernel.container;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntrusiveListTest {
    static final class Item {
        final int id;
        final ListNode<Item> node = new ListNode<>(this);
        Item(int id) { this.id = id; }
    }

    private static List<Integer> ids(IntrusiveList<Item> l) {
        List<Integer> out = new ArrayList<>();
        for (ListNode<Item> n = l.firstNode(); n != null; n = l.nextNode(n)) out.add(n.owner().id);
        return out;
    }

    @Test
    void elementsComeOutInInsertionOrderAndRemovalIsFromAnywhere() {
        IntrusiveList<Item> l = new IntrusiveList<>();
        Item a = new Item(1), b = new Item(2), c = new Item(3);
        l.addLast(a.node);
        l.addLast(b.node);
        l.addFirst(c.node);
        assertEquals(List.of(3, 1, 2), ids(l));
        l.remove(a.node);
        assertEquals(List.of(3, 2), ids(l));
        assertFalse(a.node.isLinked());
        assertSame(c, l.pollFirst());
        assertSame(b, l.pollFirst());
        assertNull(l.pollFirst());
        assertTrue(l.isEmpty());
    }

    @Test
    void aNodeCannotSitOnTwoListsOrBeRemovedFromTheWrongOne() {
        IntrusiveList<Item> l1 = new IntrusiveList<>();
        IntrusiveList<Item> l2 = new IntrusiveList<>();
        Item a = new Item(1);
        l1.addLast(a.node);
        assertThrows(IllegalStateException.class, () -> l2.addLast(a.node));
        assertThrows(IllegalStateException.class, () -> l2.remove(a.node));
        assertSame(l1, a.node.list());
    }

    @Test
    void addBeforeKeepsBothDirectionsConsistent() {
        IntrusiveList<Item> l = new IntrusiveList<>();
        Item a = new Item(1), b = new Item(2), c = new Item(3);
        l.addLast(a.node);
        l.addLast(c.node);
        l.addBefore(c.node, b.node);
        l.addBefore(a.node, new Item(0).node);
        assertEquals(List.of(0, 1, 2, 3), ids(l));
        assertSame(b, l.prevNode(c.node).owner());
        assertEquals(0, l.first().id);
        assertEquals(3, l.last().id);
    }

    @Test
    void randomOperationsMatchALinkedListModel() {
        Random r = new Random(9);
        IntrusiveList<Item> l = new IntrusiveList<>();
        LinkedList<Item> model = new LinkedList<>();
        Item[] items = new Item[50];
        for (int i = 0; i < items.length; i++) items[i] = new Item(i);
        for (int step = 0; step < 20000; step++) {
            Item it = items[r.nextInt(items.length)];
            if (it.node.isLinked()) {
                l.remove(it.node);
                model.remove(it);
            } else if (r.nextBoolean()) {
                l.addLast(it.node);
                model.addLast(it);
            } else {
                l.addFirst(it.node);
                model.addFirst(it);
            }
            assertEquals(model.size(), l.size());
        }
        assertEquals(model.stream().map(i -> i.id).toList(), ids(l));
    }
}
