/** A binary-heap priority queue of records ordered by a Comparator; Dijkstra's shortest paths on a small graph. */
public class PriorityQueue {
    record Item(int priority, String name) {}

    static final class Heap<T> {
        private Object[] a = new Object[4];
        private int size;
        private final java.util.Comparator<T> cmp;

        Heap(java.util.Comparator<T> cmp) { this.cmp = cmp; }

        @SuppressWarnings("unchecked")
        private T at(int i) { return (T) a[i]; }

        void add(T t) {
            if (size == a.length) a = java.util.Arrays.copyOf(a, size * 2);
            int i = size++;
            a[i] = t;
            while (i > 0 && cmp.compare(at(i), at((i - 1) / 2)) < 0) {
                Object tmp = a[i]; a[i] = a[(i - 1) / 2]; a[(i - 1) / 2] = tmp;
                i = (i - 1) / 2;
            }
        }

        T poll() {
            T top = at(0);
            a[0] = a[--size];
            a[size] = null;
            int i = 0;
            while (true) {
                int l = 2 * i + 1, r = l + 1, m = i;
                if (l < size && cmp.compare(at(l), at(m)) < 0) m = l;
                if (r < size && cmp.compare(at(r), at(m)) < 0) m = r;
                if (m == i) return top;
                Object tmp = a[i]; a[i] = a[m]; a[m] = tmp;
                i = m;
            }
        }

        boolean isEmpty() { return size == 0; }
    }

    record Dist(int node, long d) {}

    public static void main(String[] args) {
        Heap<Item> h = new Heap<>((x, y) -> x.priority() != y.priority() ? Integer.compare(x.priority(), y.priority()) : x.name().compareTo(y.name()));
        String[] names = {"write", "test", "deploy", "plan", "review", "fix", "ship", "rest"};
        int[] prios = {3, 4, 7, 1, 5, 4, 7, 9};
        for (int i = 0; i < names.length; i++) h.add(new Item(prios[i], names[i]));
        while (!h.isEmpty()) System.out.print(h.poll() + " ");
        System.out.println();
        int n = 8;
        int[][] w = new int[n][n];
        int seed = 7;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                seed = seed * 1664525 + 1013904223;
                w[i][j] = i == j ? 0 : ((seed >>> 24) % 5 == 0 ? 0 : (seed >>> 16) % 50 + 1);
            }
        long[] dist = new long[n];
        java.util.Arrays.fill(dist, Long.MAX_VALUE);
        dist[0] = 0;
        Heap<Dist> q = new Heap<>((x, y) -> Long.compare(x.d(), y.d()));
        q.add(new Dist(0, 0));
        while (!q.isEmpty()) {
            Dist cur = q.poll();
            if (cur.d() > dist[cur.node()]) continue;
            for (int v = 0; v < n; v++) {
                if (w[cur.node()][v] > 0 && cur.d() + w[cur.node()][v] < dist[v]) {
                    dist[v] = cur.d() + w[cur.node()][v];
                    q.add(new Dist(v, dist[v]));
                }
            }
        }
        System.out.println(java.util.Arrays.toString(dist));
    }
}
