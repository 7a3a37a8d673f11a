package lichen.usertest.bench;

import lichen.usertest.sys.CString;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;

/**
 * openat, one read of the whole file, close, of the image's /etc/passwd
 * (174 bytes, on the root ext4 on both kernels, cached after the first
 * round): path lookup, an open file made and freed, one copy out.
 */
final class SmallFileReadBench {
    private SmallFileReadBench() {}

    static final String PATH = "/etc/passwd";

    static boolean run(String name) {
        long pathAddress = Linux.address(CString.of(PATH));
        byte[] buf = new byte[4096];
        long bufAddress = Linux.address(buf);
        return Measurement.report(name, "op", 1, rounds -> {
            for (long i = 0; i < rounds; i++) {
                long fd = Linux.openat(Fcntl.AT_FDCWD, pathAddress, Fcntl.O_RDONLY, 0);
                if (fd < 0) {
                    return "openat " + PATH + ": " + Errno.describe(fd);
                }
                long n = Linux.read((int) fd, bufAddress, buf.length);
                Linux.close((int) fd);
                if (n <= 0) {
                    return "read " + PATH + ": " + Errno.describe(n);
                }
            }
            return null;
        });
    }
}
