package lichen.libkernel.fdt;

import java.util.Arrays;

/**
 * A parsed flattened device tree (Devicetree Specification v0.4, chapter 5):
 * the header, the memory reservation block and the structure block, checked
 * and indexed into arrays. Nodes and properties are small integers; names and
 * values stay in the blob.
 *
 * <p>Every offset and length is checked against the blob before it is read,
 * so a truncated or hostile blob is rejected with a message, never an
 * out-of-bounds access; the structure block is read in one forward pass, so
 * parsing always ends.
 */
public final class Fdt {
    public static final int MAGIC = 0xd00dfeed;
    static final int BEGIN_NODE = 1, END_NODE = 2, PROP = 3, NOP = 4, END = 9;
    public static final int MAX_DEPTH = 64;
    public static final int MAX_NODES = 1 << 16;
    public static final int MAX_PROPERTIES = 1 << 18;
    public static final int MAX_RESERVATIONS = 256;

    private final byte[] blob;
    private final int strings;
    private final int stringsSize;
    private final int version;
    private final int bootCpu;

    // Nodes: name in the blob, tree links, properties [propStart, propStart + propCount).
    private int nodes;
    private int[] nameOff = new int[64], nameLen = new int[64], parent = new int[64], firstChild = new int[64], nextSibling = new int[64];
    private int[] propStart = new int[64], propCount = new int[64], depthOf = new int[64];
    // Properties: name offset in the strings block, value offset and length in the blob.
    private int props;
    private int[] propName = new int[256], propValue = new int[256], propLen = new int[256];
    private long[] reservations = new long[0];

    private Fdt(byte[] blob, int strings, int stringsSize, int version, int bootCpu) {
        this.blob = blob;
        this.strings = strings;
        this.stringsSize = stringsSize;
        this.version = version;
        this.bootCpu = bootCpu;
    }

    /** Parses a blob; a bad one gives a result with {@link FdtResult#error}. */
    public static FdtResult parse(byte[] blob) {
        if (blob == null || blob.length < 40) return FdtResult.fail("blob shorter than the 40-byte header");
        if (BigEndian.u32(blob, 0) != MAGIC) return FdtResult.fail("bad magic 0x" + Integer.toHexString(BigEndian.u32(blob, 0)));
        long total = BigEndian.u32(blob, 4) & 0xffffffffL;
        long offStruct = BigEndian.u32(blob, 8) & 0xffffffffL;
        long offStrings = BigEndian.u32(blob, 12) & 0xffffffffL;
        long offRsv = BigEndian.u32(blob, 16) & 0xffffffffL;
        int version = BigEndian.u32(blob, 20);
        int lastCompat = BigEndian.u32(blob, 24);
        int bootCpu = BigEndian.u32(blob, 28);
        long sizeStrings = BigEndian.u32(blob, 32) & 0xffffffffL;
        long sizeStruct = BigEndian.u32(blob, 36) & 0xffffffffL;
        if (total > blob.length) return FdtResult.fail("totalsize " + total + " exceeds the " + blob.length + " bytes given");
        if (total < 40) return FdtResult.fail("totalsize " + total + " smaller than the header");
        if (version < 16 || lastCompat > 17) return FdtResult.fail("unsupported version " + version + " (last compatible " + lastCompat + ")");
        if (offStruct + sizeStruct > total || offStruct < 40) return FdtResult.fail("structure block outside the blob");
        if (offStrings + sizeStrings > total || offStrings < 40) return FdtResult.fail("strings block outside the blob");
        if (offRsv < 40 || offRsv + 16 > total || (offRsv & 7) != 0) return FdtResult.fail("memory reservation block outside the blob or misaligned");
        if ((offStruct & 3) != 0 || (sizeStruct & 3) != 0) return FdtResult.fail("structure block not 4-byte aligned");
        Fdt f = new Fdt(blob, (int) offStrings, (int) sizeStrings, version, bootCpu);
        String err = f.readReservations((int) offRsv, (int) total);
        if (err == null) err = f.readStructure((int) offStruct, (int) (offStruct + sizeStruct));
        return err == null ? FdtResult.ok(f) : FdtResult.fail(err);
    }

    private String readReservations(int off, int total) {
        long[] r = new long[2 * MAX_RESERVATIONS];
        int n = 0;
        while (true) {
            if (off + 16 > total) return "memory reservation block not terminated";
            long addr = BigEndian.u64(blob, off);
            long size = BigEndian.u64(blob, off + 8);
            off += 16;
            if (addr == 0 && size == 0) break;
            if (n == r.length) return "more than " + MAX_RESERVATIONS + " memory reservations";
            if (size < 0 || addr < 0 || addr + size < addr) return "memory reservation wraps the address space";
            r[n++] = addr;
            r[n++] = size;
        }
        reservations = Arrays.copyOf(r, n);
        return null;
    }

    private String readStructure(int off, int end) {
        int depth = 0;
        int current = -1;
        int[] lastChild = new int[MAX_DEPTH + 1];
        boolean rootDone = false;
        while (true) {
            if (off + 4 > end) return "structure block ends without FDT_END";
            int token = BigEndian.u32(blob, off);
            off += 4;
            switch (token) {
                case BEGIN_NODE -> {
                    if (rootDone) return "a second root node";
                    int nul = BigEndian.nul(blob, off, end);
                    if (nul < 0) return "node name not terminated at offset " + off;
                    if (depth == MAX_DEPTH) return "nodes nested deeper than " + MAX_DEPTH;
                    if (nodes == MAX_NODES) return "more than " + MAX_NODES + " nodes";
                    if (depth == 0 && nul != off) return "root node has a name";
                    int n = addNode(off, nul - off, current, depth);
                    if (current >= 0) {
                        if (lastChild[depth] < 0) firstChild[current] = n; else nextSibling[lastChild[depth]] = n;
                    }
                    lastChild[depth] = n;
                    depth++;
                    lastChild[depth] = -1;
                    current = n;
                    off = (nul + 4) & ~3;
                }
                case END_NODE -> {
                    if (depth == 0) return "FDT_END_NODE without a node";
                    depth--;
                    current = parent[current];
                    if (depth == 0) rootDone = true;
                }
                case PROP -> {
                    if (current < 0) return "property outside any node";
                    if (off + 8 > end) return "property header truncated";
                    long len = BigEndian.u32(blob, off) & 0xffffffffL;
                    long nameoff = BigEndian.u32(blob, off + 4) & 0xffffffffL;
                    off += 8;
                    if (len > end - off) return "property value runs past the structure block";
                    if (nameoff >= stringsSize || BigEndian.nul(blob, strings + (int) nameoff, strings + stringsSize) < 0)
                        return "property name offset " + nameoff + " outside the strings block";
                    if (props == MAX_PROPERTIES) return "more than " + MAX_PROPERTIES + " properties";
                    // The specification puts a node's properties before its children; that keeps them contiguous here.
                    if (firstChild[current] >= 0) return "properties after a child node";
                    addProperty(current, (int) nameoff, off, (int) len);
                    off = (int) ((off + len + 3) & ~3L);
                }
                case NOP -> { }
                case END -> {
                    if (depth != 0) return "FDT_END inside a node";
                    if (nodes == 0) return "no root node";
                    return null;
                }
                default -> { return "unknown token 0x" + Integer.toHexString(token) + " at offset " + (off - 4); }
            }
        }
    }

    private int addNode(int nameOffset, int len, int par, int depth) {
        if (nodes == nameOff.length) {
            int n = nodes * 2;
            nameOff = Arrays.copyOf(nameOff, n);
            nameLen = Arrays.copyOf(nameLen, n);
            parent = Arrays.copyOf(parent, n);
            firstChild = Arrays.copyOf(firstChild, n);
            nextSibling = Arrays.copyOf(nextSibling, n);
            propStart = Arrays.copyOf(propStart, n);
            propCount = Arrays.copyOf(propCount, n);
            depthOf = Arrays.copyOf(depthOf, n);
        }
        int i = nodes++;
        nameOff[i] = nameOffset;
        nameLen[i] = len;
        parent[i] = par;
        firstChild[i] = -1;
        nextSibling[i] = -1;
        propStart[i] = props;
        propCount[i] = 0;
        depthOf[i] = depth;
        return i;
    }

    private void addProperty(int node, int nameoff, int value, int len) {
        if (props == propName.length) {
            int n = props * 2;
            propName = Arrays.copyOf(propName, n);
            propValue = Arrays.copyOf(propValue, n);
            propLen = Arrays.copyOf(propLen, n);
        }
        if (propCount[node] == 0) propStart[node] = props;
        propName[props] = nameoff;
        propValue[props] = value;
        propLen[props] = len;
        props++;
        propCount[node]++;
    }

    public int version() { return version; }

    public int bootCpu() { return bootCpu; }

    public int nodeCount() { return nodes; }

    public int root() { return 0; }

    /** The node's name with its unit address ("memory@40000000"); "" for the root. */
    public String name(int node) { return BigEndian.ascii(blob, nameOff[node], nameLen[node]); }

    /** The name without the unit address. */
    public String baseName(int node) {
        String n = name(node);
        int at = n.indexOf('@');
        return at < 0 ? n : n.substring(0, at);
    }

    public int parent(int node) { return parent[node]; }

    public int firstChild(int node) { return firstChild[node]; }

    public int nextSibling(int node) { return nextSibling[node]; }

    public int depth(int node) { return depthOf[node]; }

    /** The child of {@code node} whose name, or name without unit address, is {@code name}; or -1. */
    public int child(int node, String name) {
        for (int c = firstChild[node]; c >= 0; c = nextSibling[c]) if (name(c).equals(name) || baseName(c).equals(name)) return c;
        return -1;
    }

    /** The node at an absolute path such as "/chosen" or "/cpus/cpu@0"; -1 when absent. */
    public int findPath(String path) {
        if (!path.startsWith("/")) return -1;
        int n = 0;
        int i = 1;
        while (i < path.length()) {
            int slash = path.indexOf('/', i);
            if (slash < 0) slash = path.length();
            if (slash > i) {
                n = child(n, path.substring(i, slash));
                if (n < 0) return -1;
            }
            i = slash + 1;
        }
        return n;
    }

    /** The first node after {@code after} (in blob order; -1 to start) that is compatible with {@code compat}, or -1. */
    public int findCompatible(String compat, int after) {
        for (int n = after + 1; n < nodes; n++) if (isCompatible(n, compat)) return n;
        return -1;
    }

    /** The node whose "phandle" is {@code phandle}, or -1. */
    public int findPhandle(int phandle) {
        for (int n = 0; n < nodes; n++) {
            int p = property(n, "phandle");
            if (p >= 0 && propLen[p] == 4 && cell(p, 0) == phandle) return n;
        }
        return -1;
    }

    // --- properties ---

    public int propertyCount(int node) { return propCount[node]; }

    /** The i-th property of a node (an index usable with the accessors below). */
    public int propertyAt(int node, int i) { return propStart[node] + i; }

    public String propertyName(int prop) {
        int off = strings + propName[prop];
        return BigEndian.ascii(blob, off, BigEndian.nul(blob, off, strings + stringsSize) - off);
    }

    private boolean nameEquals(int prop, String name) {
        int off = strings + propName[prop];
        int limit = strings + stringsSize;
        for (int i = 0; i < name.length(); i++) {
            if (off + i >= limit || (blob[off + i] & 0xff) != name.charAt(i)) return false;
        }
        return off + name.length() < limit && blob[off + name.length()] == 0;
    }

    /** The property named {@code name} of {@code node}, or -1. */
    public int property(int node, String name) {
        for (int i = 0; i < propCount[node]; i++) if (nameEquals(propStart[node] + i, name)) return propStart[node] + i;
        return -1;
    }

    public int length(int prop) { return propLen[prop]; }

    /** A copy of the value's bytes. */
    public byte[] value(int prop) { return Arrays.copyOfRange(blob, propValue[prop], propValue[prop] + propLen[prop]); }

    /** The {@code i}-th 32-bit cell, as an unsigned value; -1 when the value is too short. */
    public long cell(int prop, int i) {
        if (i < 0 || 4L * i + 4 > propLen[prop]) return -1;
        return BigEndian.u32(blob, propValue[prop] + 4 * i) & 0xffffffffL;
    }

    /** Cells [i, i + count) as one big-endian number (count 1 or 2); -1 when out of range. */
    public long cells(int prop, int i, int count) {
        if (count == 0) return 0;
        if (count < 0 || count > 2 || i < 0 || 4L * (i + count) > propLen[prop]) return -1;
        return count == 1 ? cell(prop, i) : BigEndian.u64(blob, propValue[prop] + 4 * i);
    }

    /** A string value (up to its first NUL); null when it is not NUL-terminated. */
    public String string(int prop) { return stringAt(prop, 0); }

    /** The {@code index}-th string of a string list, or null. */
    public String stringAt(int prop, int index) {
        int off = propValue[prop];
        int end = off + propLen[prop];
        for (int i = 0; off < end; i++) {
            int nul = BigEndian.nul(blob, off, end);
            if (nul < 0) return null;
            if (i == index) return BigEndian.ascii(blob, off, nul - off);
            off = nul + 1;
        }
        return null;
    }

    public boolean isCompatible(int node, String compat) {
        int p = property(node, "compatible");
        if (p < 0) return false;
        for (int i = 0; ; i++) {
            String s = stringAt(p, i);
            if (s == null) return false;
            if (s.equals(compat)) return true;
        }
    }

    /** #address-cells that applies to {@code node}'s reg (its parent's, default 2). */
    public int addressCells(int node) { return inheritedCells(node, "#address-cells", 2); }

    /** #size-cells that applies to {@code node}'s reg (its parent's, default 1). */
    public int sizeCells(int node) { return inheritedCells(node, "#size-cells", 1); }

    private int inheritedCells(int node, String name, int dflt) {
        int par = parent[node];
        if (par < 0) return dflt;
        int p = property(par, name);
        if (p < 0 || propLen[p] != 4) return dflt;
        long v = cell(p, 0);
        return v > 2 ? -1 : (int) v;
    }

    /** Entries of {@code node}'s reg; 0 when absent or malformed. */
    public int regCount(int node) {
        int p = property(node, "reg");
        int ac = addressCells(node), sc = sizeCells(node);
        if (p < 0 || ac <= 0 || sc < 0) return 0;
        int entry = 4 * (ac + sc);
        return propLen[p] % entry == 0 ? propLen[p] / entry : 0;
    }

    public long regAddress(int node, int i) {
        int ac = addressCells(node), sc = sizeCells(node);
        return i >= regCount(node) ? -1 : cells(property(node, "reg"), i * (ac + sc), ac);
    }

    public long regSize(int node, int i) {
        int ac = addressCells(node), sc = sizeCells(node);
        return i >= regCount(node) ? -1 : cells(property(node, "reg"), i * (ac + sc) + ac, sc);
    }

    // --- memory reservation block ---

    public int reservationCount() { return reservations.length / 2; }

    public long reservationAddress(int i) { return reservations[2 * i]; }

    public long reservationSize(int i) { return reservations[2 * i + 1]; }
}
