package lichen.usertest.bench;

import lichen.usertest.Processes;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.WaitStatus;

/**
 * One byte sent to a child through a pipe and one byte back through
 * another: per round trip, two writes, two reads, and the two sleeps and
 * wake-ups that pass control between the processes.
 */
final class PipePingPongBench {
    private PipePingPongBench() {}

    static boolean run(String name) {
        int[] toChild = new int[2];
        int[] toParent = new int[2];
        long r = Linux.pipe2(toChild, 0);
        if (r < 0) {
            return Measurement.failed(name, "pipe2: " + Errno.describe(r));
        }
        r = Linux.pipe2(toParent, 0);
        if (r < 0) {
            return Measurement.failed(name, "pipe2: " + Errno.describe(r));
        }
        byte[] b = new byte[1];
        long byteAddress = Linux.address(b);
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(toChild[1]);
            Linux.close(toParent[0]);
            // Echo each byte back until the parent closes its end.
            while (Linux.read(toChild[0], byteAddress, 1) == 1) {
                Linux.write(toParent[1], byteAddress, 1);
            }
            Processes.childExit(0);
        }
        if (pid < 0) {
            return Measurement.failed(name, "clone: " + Errno.describe(pid));
        }
        Linux.close(toChild[0]);
        Linux.close(toParent[1]);
        int out = toChild[1];
        int in = toParent[0];
        boolean ran = Measurement.report(name, "op", 1, rounds -> {
            for (long i = 0; i < rounds; i++) {
                long w = Linux.write(out, byteAddress, 1);
                if (w != 1) {
                    return "write: " + Errno.describe(w);
                }
                long n = Linux.read(in, byteAddress, 1);
                if (n != 1) {
                    return "read: " + Errno.describe(n);
                }
            }
            return null;
        });
        Linux.close(out);
        Linux.close(in);
        long status = Processes.waitFor(pid);
        if (status != 0) {
            String how = status < 0 ? "wait4: " + Errno.describe(status) : WaitStatus.describe((int) status);
            return Measurement.failed(name, "the echoing child: " + how);
        }
        return ran;
    }
}
