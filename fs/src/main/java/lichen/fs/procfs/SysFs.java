package lichen.fs.procfs;

import lichen.fs.vfs.Clock;

/**
 * /sys (sysfs(5)): generated files that describe the machine, filled in by
 * the kernel. Linux mounts it read-write (some attributes take writes);
 * nothing here takes one yet.
 */
public final class SysFs extends GeneratedFs {
    public SysFs(Clock clock) {
        super(clock);
    }

    @Override
    public String type() {
        return "sysfs";
    }

    @Override
    public String mountOptions() {
        return "rw,relatime";
    }
}
