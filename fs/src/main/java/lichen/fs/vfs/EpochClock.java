package lichen.fs.vfs;

/**
 * A clock stopped at the epoch, for filesystems mounted without one. A class
 * rather than a lambda, because jcc freezes static fields at build time and
 * cannot freeze a lambda (docs/jcc.md, "Static initialisers").
 */
final class EpochClock implements Clock {
    @Override
    public long nowNanos() {
        return 0L;
    }
}
