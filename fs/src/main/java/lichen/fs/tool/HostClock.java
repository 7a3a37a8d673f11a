package lichen.fs.tool;

import lichen.api.HostOnly;
import lichen.fs.vfs.Clock;

/** The host's wall clock. */
@HostOnly
public final class HostClock implements Clock {
    @Override
    public long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
