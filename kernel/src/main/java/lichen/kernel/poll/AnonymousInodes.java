package lichen.kernel.poll;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.tmpfs.TmpFs;
import lichen.fs.vfs.AnonymousFiles;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.OpenFile;
import lichen.kernel.fs.FileClock;

/**
 * Linux's anon_inode filesystem, as far as the kernel needs it: the nameless
 * files behind epoll, eventfd, timerfd and signalfd descriptors, each read
 * and written through its driver.
 */
public final class AnonymousInodes {
    private static AnonymousFiles fs;

    private AnonymousInodes() {}

    /** A new description with {@code flags} (O_RDWR and O_NONBLOCK) driven by {@code driver}; or the errno. */
    @Async
    public static Result<OpenFile> open(int flags, CharDevice driver) {
        if (fs == null) fs = new AnonymousFiles(new TmpFs(new FileClock(), 0, "anon_inodefs"));
        return fs.open(0600, flags, driver);
    }
}
