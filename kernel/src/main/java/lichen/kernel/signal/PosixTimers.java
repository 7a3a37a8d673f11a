package lichen.kernel.signal;

import lichen.kernel.proc.Process;

/**
 * Every process's POSIX timers, by process and timer id (ids count from 0
 * in each process, the lowest free first, as Linux hands them out). A
 * process's timers go when it ends: their slots are taken back when found
 * with their owner gone.
 */
public final class PosixTimers {
    /** Timers in all processes at once (Linux's limit is per user, RLIMIT_SIGPENDING-bound; this is a fixed table). */
    private static final int MAX = 256;
    private static final PosixTimer[] timers = new PosixTimer[MAX];

    private PosixTimers() {}

    /** A new timer of {@code p}'s process, or null when the table is full (EAGAIN). */
    public static PosixTimer create(Process p, int clock, int notify, int signal, long value, Process target) {
        Process owner = p.leader();
        int free = -1;
        int id = 0;
        for (int i = 0; i < MAX; i++) {
            PosixTimer t = timers[i];
            if (t != null && t.owner.state() != Process.LIVE) {
                t.delete();
                timers[i] = t = null;
            }
            if (t == null && free < 0) free = i;
        }
        if (free < 0) return null;
        while (find(owner, id) != null) id++;
        PosixTimer t = new PosixTimer(owner, id, clock, notify, signal, value, target == null ? owner : target);
        timers[free] = t;
        return t;
    }

    private static PosixTimer find(Process owner, int id) {
        for (PosixTimer t : timers) if (t != null && t.owner == owner && t.id == id && !t.deleted) return t;
        return null;
    }

    /** {@code p}'s process's timer {@code id}, or null (EINVAL). */
    public static PosixTimer of(Process p, int id) { return find(p.leader(), id); }

    /** execve(2) deletes the process's timers. */
    public static void deleteAll(Process p) {
        Process owner = p.leader();
        for (int i = 0; i < MAX; i++) {
            if (timers[i] != null && timers[i].owner == owner) {
                timers[i].delete();
                timers[i] = null;
            }
        }
    }

    /** timer_delete(2): disarms it and frees its id; false when there is no such timer. */
    public static boolean delete(Process p, int id) {
        PosixTimer t = of(p, id);
        if (t == null) return false;
        t.delete();
        for (int i = 0; i < MAX; i++) if (timers[i] == t) timers[i] = null;
        return true;
    }
}
