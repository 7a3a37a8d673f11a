import java.util.Iterator;
import java.util.NoSuchElementException;

/** Iterable and Iterator over the program's own collections: for-each, nested iteration, removal, ranges. */
public class IterableCollection {
    static final class IntList implements Iterable<IntList.Cell> {
        static final class Cell {
            final int value;

            Cell(int value) { this.value = value; }
        }

        private Cell[] cells = new Cell[4];
        private int size;

        void add(int v) {
            if (size == cells.length) {
                Cell[] bigger = new Cell[size * 2];
                System.arraycopy(cells, 0, bigger, 0, size);
                cells = bigger;
            }
            cells[size++] = new Cell(v);
        }

        public Iterator<Cell> iterator() {
            return new Iterator<>() {
                int next;
                int last = -1;

                public boolean hasNext() { return next < size; }

                public Cell next() {
                    if (next >= size) throw new NoSuchElementException();
                    last = next;
                    return cells[next++];
                }

                public void remove() {
                    System.arraycopy(cells, last + 1, cells, last, size - last - 1);
                    cells[--size] = null;
                    next = last;
                }
            };
        }
    }

    record Range(int from, int to, int step) implements Iterable<String> {
        public Iterator<String> iterator() {
            return new Iterator<>() {
                int at = from;

                public boolean hasNext() { return step > 0 ? at < to : at > to; }

                public String next() {
                    String s = "r" + at;
                    at += step;
                    return s;
                }
            };
        }
    }

    public static void main(String[] args) {
        IntList list = new IntList();
        for (int i = 1; i <= 10; i++) list.add(i * i);
        int sum = 0;
        for (IntList.Cell c : list) sum += c.value;
        System.out.println("sum " + sum);
        Iterator<IntList.Cell> it = list.iterator();
        while (it.hasNext()) if (it.next().value % 2 == 0) it.remove();
        StringBuilder sb = new StringBuilder();
        for (var c : list) sb.append(c.value).append(' ');
        System.out.println(sb);
        for (String a : new Range(0, 3, 1)) {
            for (String b : new Range(10, 4, -3)) System.out.print(a + b + " ");
        }
        System.out.println();
        Iterable<String> empty = new Range(5, 5, 1);
        int n = 0;
        for (String s : empty) n++;
        System.out.println("empty " + n);
        Iterator<IntList.Cell> done = new IntList().iterator();
        System.out.println(done.hasNext());
        done.next();
    }
}
