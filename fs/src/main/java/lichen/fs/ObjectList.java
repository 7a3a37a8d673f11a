package lichen.fs;

/** A growable array of objects (compiled code has no java.util.ArrayList). */
public final class ObjectList<T> {
    private Object[] items = new Object[8];
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    public T get(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("ObjectList index");
        return (T) items[i];
    }

    public void set(int i, T v) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("ObjectList index");
        items[i] = v;
    }

    public void add(T v) {
        if (size == items.length) {
            Object[] bigger = new Object[size * 2];
            System.arraycopy(items, 0, bigger, 0, size);
            items = bigger;
        }
        items[size++] = v;
    }

    /** Removes index i, keeping order. */
    public void removeAt(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("ObjectList index");
        System.arraycopy(items, i + 1, items, i, size - i - 1);
        items[--size] = null;
    }

    public int indexOf(T v) {
        for (int i = 0; i < size; i++) if (items[i] == v) return i;
        return -1;
    }

    public void clear() {
        for (int i = 0; i < size; i++) items[i] = null;
        size = 0;
    }
}
