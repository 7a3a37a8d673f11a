package lichen.fs.vfs;

import lichen.fs.LongObjectMap;

/** Character device drivers by device number (makedev(major, minor)). */
public final class DeviceRegistry {
    private final LongObjectMap<CharDevice> devices = new LongObjectMap<>();

    public void register(int rdev, CharDevice dev) {
        devices.put(rdev, dev);
    }

    public CharDevice find(int rdev) {
        return devices.get(rdev);
    }
}
