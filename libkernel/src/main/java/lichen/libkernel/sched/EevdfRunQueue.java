package lichen.libkernel.sched;

/**
 * One CPU's run queue under EEVDF, "Earliest Eligible Virtual Deadline First"
 * (Stoica and Abdel-Wahab, 1995; Linux kernel/sched/fair.c since 6.6).
 *
 * <p>Every entity accrues virtual time at NICE_0 / weight per nanosecond of
 * CPU. The queue's average virtual time V is the weight-weighted mean over
 * the runnable entities; an entity is eligible when its vruntime is not
 * ahead of V (its lag V - v is not negative). Among eligible entities the one
 * with the earliest virtual deadline (vruntime + slice scaled by weight) runs.
 * A sleeping entity keeps its lag (clamped), and is placed on wakeup so its
 * lag is preserved relative to the new V, with the lag scaled up for the
 * weight it adds (place_entity). Pure logic driven by elapsed time.
 *
 * <p>Sums are kept relative to {@code minVruntime} so they stay small, as
 * Linux's avg_vruntime does. Entities live in a small array; a linear scan
 * picks the next one (an augmented tree is the later optimisation).
 */
public final class EevdfRunQueue {
    /** A scheduler tick at HZ=250, the lower bound of the lag clamp. */
    public static final long TICK_NS = 4_000_000;

    private SchedEntity[] entities = new SchedEntity[8];
    private int count;
    private SchedEntity curr;
    private long minVruntime;
    // Σ w_i * (v_i - minVruntime) and Σ w_i over the runnable entities (curr included).
    private long weightedKeys;
    private long totalWeight;

    public int size() { return count; }

    public SchedEntity current() { return curr; }

    public long totalWeight() { return totalWeight; }

    public long minVruntime() { return minVruntime; }

    public SchedEntity get(int i) { return entities[i]; }

    /** calc_delta_fair: nanoseconds of CPU as virtual time for weight {@code w}. */
    static long scale(long ns, long w) { return w == NiceWeights.NICE_0 ? ns : ns * NiceWeights.NICE_0 / w; }

    /** The weighted average vruntime V. */
    public long avgVruntime() {
        if (totalWeight == 0) return minVruntime;
        long avg = weightedKeys;
        // Round towards negative infinity so that "eligible" never flatters an entity (as Linux does).
        if (avg < 0) avg -= totalWeight - 1;
        return minVruntime + avg / totalWeight;
    }

    /** v <= V, tested without the division: Σ w_i (v_i - v) >= 0. */
    public boolean isEligible(SchedEntity se) {
        return weightedKeys >= (se.vruntime - minVruntime) * totalWeight;
    }

    /** The entity's lag now: V - v (positive when owed service). */
    public long lag(SchedEntity se) { return avgVruntime() - se.vruntime; }

    private void addSums(SchedEntity se) {
        weightedKeys += (se.vruntime - minVruntime) * se.weight;
        totalWeight += se.weight;
    }

    private void removeSums(SchedEntity se) {
        weightedKeys -= (se.vruntime - minVruntime) * se.weight;
        totalWeight -= se.weight;
    }

    // min_vruntime follows the smallest vruntime upward, never down; the key sum moves with it.
    private void updateMinVruntime() {
        if (count == 0) return;
        long m = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) m = Math.min(m, entities[i].vruntime);
        if (m > minVruntime) {
            weightedKeys -= (m - minVruntime) * totalWeight;
            minVruntime = m;
        }
    }

    /**
     * Adds a runnable entity: a new one (placed with half a slice of deadline,
     * PLACE_DEADLINE_INITIAL) or a waking one (placed by its saved lag).
     */
    public void enqueue(SchedEntity se) {
        if (se.onRq) throw new IllegalStateException(se + " already queued");
        place(se);
        if (count == entities.length) {
            SchedEntity[] bigger = new SchedEntity[count * 2];
            System.arraycopy(entities, 0, bigger, 0, count);
            entities = bigger;
        }
        entities[count++] = se;
        se.onRq = true;
        addSums(se);
    }

    private void place(SchedEntity se) {
        long v = avgVruntime();
        long lag = 0;
        if (count > 0 && se.placedBefore) {
            // Inflate the lag by the weight this entity adds, so that after it joins V moves by exactly its lag.
            lag = se.vlag;
            long load = totalWeight;
            lag = lag * (load + se.weight) / load;
        }
        se.vruntime = v - lag;
        long vslice = scale(se.slice, se.weight);
        if (!se.placedBefore) vslice /= 2;
        se.deadline = se.vruntime + vslice;
        se.placedBefore = true;
    }

    /** Removes an entity that sleeps, exits or migrates, saving its clamped lag for its next placement. */
    public void dequeue(SchedEntity se) {
        int i = indexOf(se);
        if (i < 0) throw new IllegalStateException(se + " not queued here");
        long limit = scale(Math.max(2 * se.slice, TICK_NS), se.weight);
        long lag = lag(se);
        se.vlag = Math.max(-limit, Math.min(limit, lag));
        removeSums(se);
        System.arraycopy(entities, i + 1, entities, i, count - i - 1);
        entities[--count] = null;
        se.onRq = false;
        if (curr == se) curr = null;
        updateMinVruntime();
    }

    private int indexOf(SchedEntity se) {
        for (int i = 0; i < count; i++) if (entities[i] == se) return i;
        return -1;
    }

    /**
     * Charges {@code ns} of CPU to the running entity (update_curr); when it
     * reaches its deadline it gets a new one a slice further. Returns true
     * when the scheduler should pick again.
     */
    public boolean tick(long ns) {
        SchedEntity se = curr;
        if (se == null) return count > 0;
        se.sumExec += ns;
        long dv = scale(ns, se.weight);
        se.vruntime += dv;
        weightedKeys += dv * se.weight;
        updateMinVruntime();
        if (se.vruntime >= se.deadline) {
            se.deadline = se.vruntime + scale(se.slice, se.weight);
            return true;
        }
        return false;
    }

    /**
     * The running entity gives up the rest of its slice (yield_task_fair): its deadline moves a
     * slice on, so an eligible entity with an earlier deadline is picked first.
     */
    public void yieldCurrent() {
        SchedEntity se = curr;
        if (se != null) se.deadline += scale(se.slice, se.weight);
    }

    /**
     * Whether a just-woken entity should preempt the running one
     * (check_preempt_wakeup_fair): it is eligible and its deadline is earlier,
     * or the running one is no longer eligible.
     */
    public boolean wakeupPreempts(SchedEntity woken) {
        if (curr == null) return true;
        if (!woken.onRq || !isEligible(woken)) return false;
        return !isEligible(curr) || woken.deadline < curr.deadline;
    }

    /** The earliest-deadline eligible entity, made current at time {@code now}; null when empty. */
    public SchedEntity pickNext(long now) {
        if (curr != null) curr.lastRan = now;
        SchedEntity best = null;
        for (int i = 0; i < count; i++) {
            SchedEntity se = entities[i];
            if (!isEligible(se)) continue;
            if (best == null || se.deadline < best.deadline) best = se;
        }
        // Some entity is always eligible (the one with the smallest vruntime); this guards rounding.
        if (best == null && count > 0) best = entities[0];
        curr = best;
        if (best != null) best.lastRan = now;
        return best;
    }

    /** Changes a queued or sleeping entity's nice value, keeping its lag in real time (reweight_entity). */
    public void setNice(SchedEntity se, int nice) {
        long w = NiceWeights.weight(nice);
        if (se.onRq) {
            long lag = lag(se);
            removeSums(se);
            long newLag = lag * se.weight / w;
            se.weight = w;
            se.nice = nice;
            long relDeadline = (se.deadline - se.vruntime) * se.weight / w;
            se.vruntime = avgVruntime() - newLag;
            se.deadline = se.vruntime + relDeadline;
            addSums(se);
            updateMinVruntime();
        } else {
            se.vlag = se.vlag * se.weight / w;
            se.weight = w;
            se.nice = nice;
        }
    }

    /** Σ w_i * lag_i over the queue: zero up to rounding, the invariant EEVDF keeps. */
    public long weightedLagSum() {
        long v = avgVruntime();
        long s = 0;
        for (int i = 0; i < count; i++) s += (v - entities[i].vruntime) * entities[i].weight;
        return s;
    }
}
