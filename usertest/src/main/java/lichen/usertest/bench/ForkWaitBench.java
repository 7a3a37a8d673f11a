package lichen.usertest.bench;

import lichen.usertest.Processes;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.WaitStatus;

/**
 * fork, the child's work, and the parent's wait4 until it has exited 0.
 *
 * <ul>
 * <li>No program: the child calls exit_group(0) at once. The figure is
 * fork's copy of this address space (copy-on-write), a process made and
 * torn down, and the switches between the two.</li>
 * <li>A program: the child execve's it and it exits 0 at once. Add loading
 * it (ELF headers, mappings, the initial stack; for a dynamic program
 * ld.so mapping and relocating its libraries) and tearing it down.</li>
 * </ul>
 */
final class ForkWaitBench {
    private ForkWaitBench() {}

    /** {@code path} null: fork and exit; else fork and execve(path, argv, no environment). */
    static boolean run(String name, String path, String[] argv) {
        // Everything execve reads is made once: the child (a copy of this
        // memory) passes the same addresses.
        long pathAddress = path == null ? 0 : Linux.address(CString.of(path));
        long argvAddress = Linux.pointerArray(argv);
        long envpAddress = Linux.pointerArray(new String[0]);
        int[] status = new int[1];
        long statusAddress = Linux.address(status);
        return Measurement.report(name, "op", 1, rounds -> {
            for (long i = 0; i < rounds; i++) {
                long pid = Processes.fork();
                if (pid == 0) {
                    if (pathAddress != 0) {
                        Linux.execve(pathAddress, argvAddress, envpAddress);
                    }
                    Processes.childExit(pathAddress != 0 ? 127 : 0);
                }
                if (pid < 0) {
                    return "clone: " + Errno.describe(pid);
                }
                long r = Linux.wait4(pid, statusAddress, 0, 0);
                if (r != pid) {
                    return "wait4: " + Errno.describe(r);
                }
                if (status[0] != 0) {
                    return (path == null ? "the child " : path + " ") + WaitStatus.describe(status[0]);
                }
            }
            return null;
        });
    }
}
