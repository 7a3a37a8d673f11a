/** Union-find with path compression and union by rank; Kruskal's minimum spanning tree on a generated graph. */
public class UnionFind {
    final int[] parent, rank;
    int sets;

    UnionFind(int n) {
        parent = new int[n];
        rank = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        sets = n;
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    boolean union(int a, int b) {
        int ra = find(a), rb = find(b);
        if (ra == rb) return false;
        if (rank[ra] < rank[rb]) { int t = ra; ra = rb; rb = t; }
        parent[rb] = ra;
        if (rank[ra] == rank[rb]) rank[ra]++;
        sets--;
        return true;
    }

    record Edge(int a, int b, int w) {}

    public static void main(String[] args) {
        int n = 200;
        Edge[] edges = new Edge[1500];
        int seed = 99;
        for (int i = 0; i < edges.length; i++) {
            seed = seed * 1103515245 + 12345;
            int a = (seed >>> 8) % n;
            seed = seed * 1103515245 + 12345;
            int b = (seed >>> 8) % n;
            seed = seed * 1103515245 + 12345;
            edges[i] = new Edge(a, b, (seed >>> 8) % 1000);
        }
        java.util.Arrays.sort(edges, (x, y) -> x.w() != y.w() ? Integer.compare(x.w(), y.w()) : Integer.compare(x.a() * n + x.b(), y.a() * n + y.b()));
        UnionFind uf = new UnionFind(n);
        long total = 0;
        int used = 0;
        for (Edge e : edges) {
            if (uf.union(e.a(), e.b())) {
                total += e.w();
                used++;
            }
        }
        System.out.println("edges used " + used + ", weight " + total + ", components " + uf.sets);
        UnionFind small = new UnionFind(10);
        small.union(1, 2);
        small.union(3, 4);
        small.union(2, 4);
        System.out.println(small.find(1) == small.find(3) ? "connected" : "apart");
        System.out.println(small.find(5) == small.find(1) ? "connected" : "apart");
        System.out.println(small.sets + " sets");
    }
}
