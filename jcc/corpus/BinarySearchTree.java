/** A binary search tree: insert, delete (all three cases), in-order/pre-order traversals, height, floor/ceiling. */
public class BinarySearchTree {
    static final class Node {
        int key;
        Node left, right;

        Node(int key) { this.key = key; }
    }

    Node root;
    int size;

    void insert(int k) { root = insert(root, k); }

    private Node insert(Node n, int k) {
        if (n == null) {
            size++;
            return new Node(k);
        }
        if (k < n.key) n.left = insert(n.left, k);
        else if (k > n.key) n.right = insert(n.right, k);
        return n;
    }

    void delete(int k) { root = delete(root, k); }

    private Node delete(Node n, int k) {
        if (n == null) return null;
        if (k < n.key) n.left = delete(n.left, k);
        else if (k > n.key) n.right = delete(n.right, k);
        else {
            if (n.left == null) { size--; return n.right; }
            if (n.right == null) { size--; return n.left; }
            Node m = n.right;
            while (m.left != null) m = m.left;
            n.key = m.key;
            n.right = delete(n.right, m.key);
        }
        return n;
    }

    static int height(Node n) { return n == null ? 0 : 1 + Math.max(height(n.left), height(n.right)); }

    static void inorder(Node n, StringBuilder sb) {
        if (n == null) return;
        inorder(n.left, sb);
        sb.append(n.key).append(' ');
        inorder(n.right, sb);
    }

    static void preorder(Node n, StringBuilder sb) {
        if (n == null) return;
        sb.append(n.key).append(' ');
        preorder(n.left, sb);
        preorder(n.right, sb);
    }

    int floor(int k) {
        int best = Integer.MIN_VALUE;
        for (Node n = root; n != null; ) {
            if (n.key == k) return k;
            if (n.key < k) { best = n.key; n = n.right; } else n = n.left;
        }
        return best;
    }

    public static void main(String[] args) {
        BinarySearchTree t = new BinarySearchTree();
        int[] keys = {50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30, 50};
        for (int k : keys) t.insert(k);
        StringBuilder a = new StringBuilder(), b = new StringBuilder();
        inorder(t.root, a);
        preorder(t.root, b);
        System.out.println(a.toString().trim() + " | " + b.toString().trim() + " | size " + t.size + " height " + height(t.root));
        t.delete(20);
        t.delete(30);
        t.delete(50);
        t.delete(999);
        a.setLength(0);
        b.setLength(0);
        inorder(t.root, a);
        preorder(t.root, b);
        System.out.println(a.toString().trim() + " | " + b.toString().trim() + " | size " + t.size + " height " + height(t.root));
        System.out.println(t.floor(64) + " " + t.floor(65) + " " + t.floor(10));
        BinarySearchTree big = new BinarySearchTree();
        int x = 1;
        for (int i = 0; i < 5000; i++) {
            x = x * 48271 % 2147483647;
            big.insert(x % 100000);
        }
        System.out.println("random tree size " + big.size + " height " + height(big.root));
    }
}
