package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.exec.ByteStrings;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/** prctl(2), for the options programs ask at start; any other option is EINVAL, as Linux answers an unknown one. */
final class PrctlCalls {
    static final int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4,
            PR_SET_NAME = 15, PR_GET_NAME = 16;
    /** TASK_COMM_LEN. */
    static final int COMM_LEN = 16;

    private PrctlCalls() {}

    @Async
    static long sysPrctl(Process p, int option, long arg2) {
        switch (option) {
            case PR_SET_NAME -> {
                byte[] name = new byte[COMM_LEN];
                int len = UserCopy.stringLength(p.mm(), arg2, COMM_LEN - 1);
                if (len == -Errno.ENAMETOOLONG) len = COMM_LEN - 1; // longer names are cut to 15 bytes
                if (len < 0 || UserCopy.copyIn(p.mm(), arg2, name, 0, len) < 0) return -Errno.EFAULT;
                byte[] cut = new byte[len];
                System.arraycopy(name, 0, cut, 0, len);
                p.setComm(ByteStrings.text(cut));
                return 0;
            }
            case PR_GET_NAME -> {
                byte[] name = new byte[COMM_LEN];
                String c = p.comm();
                for (int i = 0; i < c.length() && i < COMM_LEN - 1; i++) name[i] = (byte) c.charAt(i);
                return UserCopy.copyOut(p.mm(), arg2, name, 0, COMM_LEN) < 0 ? -Errno.EFAULT : 0;
            }
            case PR_GET_DUMPABLE -> {
                return 1;
            }
            case PR_SET_DUMPABLE -> {
                return arg2 == 0 || arg2 == 1 ? 0 : -Errno.EINVAL;
            }
            case PR_SET_PDEATHSIG -> {
                if (arg2 < 0 || arg2 > 64) return -Errno.EINVAL;
                p.setParentDeathSignal((int) arg2);
                return 0;
            }
            case PR_GET_PDEATHSIG -> {
                return UserCopy.store32(p.mm(), arg2, p.parentDeathSignal()) < 0 ? -Errno.EFAULT : 0;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }
}
