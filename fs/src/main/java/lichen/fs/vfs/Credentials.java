package lichen.fs.vfs;

/** Who asks: the filesystem uid and gid and the supplementary groups of a task. */
public final class Credentials {
    public static final Credentials ROOT = new Credentials(0, 0, new int[0]);

    public final int uid;
    public final int gid;
    private final int[] groups;

    public Credentials(int uid, int gid, int[] groups) {
        this.uid = uid;
        this.gid = gid;
        this.groups = new int[groups.length];
        System.arraycopy(groups, 0, this.groups, 0, groups.length);
    }

    /** The supplementary groups, for /proc/PID/status. */
    public int groupCount() { return groups.length; }

    public int group(int i) { return groups[i]; }

    public boolean inGroup(int g) {
        if (g == gid) return true;
        for (int x : groups) if (x == g) return true;
        return false;
    }
}
