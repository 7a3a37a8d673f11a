package lichen.kernel.signal;

import lichen.api.Async;
import lichen.fs.LittleEndian;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.PollEvents;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;
import lichen.libkernel.sync.PollTable;

/**
 * A signalfd's driver (man 2 signalfd): a read takes the caller's pending
 * signals that are in the mask, lowest first, each as a 128-byte struct
 * signalfd_siginfo, instead of their being delivered. The signals are
 * usually blocked, so nothing else would notice them: posting one wakes the
 * readers and pollers waiting on the process's {@link SignalState#queueWaiters}.
 */
public final class SignalQueueFile implements CharDevice {
    /** sizeof(struct signalfd_siginfo). */
    public static final int INFO_SIZE = 128;

    private long mask;
    /** The description this drives (for its O_NONBLOCK). */
    public OpenFile file;

    public SignalQueueFile(long mask) { setMask(mask); }

    /** signalfd4 on an existing signalfd replaces the mask; SIGKILL and SIGSTOP are never in it. */
    public void setMask(long m) { mask = m & ~SignalState.UNBLOCKABLE; }

    private static SignalState caller() {
        Process p = Processes.current();
        return p == null ? null : p.signals();
    }

    /** Takes the pending signals in the mask into {@code buf}, as many as fit; the byte count. */
    private int take(SignalState s, byte[] buf, int off, int len) {
        int n = 0;
        while (n + INFO_SIZE <= len) {
            long ready = s.pending() & mask;
            if (ready == 0) break;
            int sig = Long.numberOfTrailingZeros(ready) + 1;
            s.take(sig); // the siginfo it came with is the taken one's now
            encode(s, sig, buf, off + n);
            n += INFO_SIZE;
        }
        return n;
    }

    /** struct signalfd_siginfo for {@code sig} from the siginfo it was sent with (fs/signalfd.c's signalfd_copyinfo). */
    private static void encode(SignalState s, int sig, byte[] b, int at) {
        for (int i = 0; i < INFO_SIZE; i++) b[at + i] = 0;
        int code = s.code(sig);
        LittleEndian.put32(b, at, sig);
        LittleEndian.put32(b, at + 8, code);
        if (code == Signals.SI_TIMER) {
            LittleEndian.put32(b, at + 24, s.senderPid(sig)); // ssi_tid: the timer's id
            LittleEndian.put32(b, at + 32, s.childStatus(sig)); // ssi_overrun
            LittleEndian.put32(b, at + 44, (int) s.faultAddress(sig)); // ssi_int
            LittleEndian.put64(b, at + 48, s.faultAddress(sig)); // ssi_ptr
        } else if (code > 0 && (sig == Signals.SIGSEGV || sig == Signals.SIGBUS || sig == Signals.SIGILL || sig == Signals.SIGTRAP)) {
            LittleEndian.put64(b, at + 72, s.faultAddress(sig)); // ssi_addr
        } else {
            LittleEndian.put32(b, at + 12, s.senderPid(sig)); // ssi_pid (ssi_uid stays 0: root)
            if (sig == Signals.SIGCHLD && code > 0) LittleEndian.put32(b, at + 40, s.childStatus(sig)); // ssi_status
        }
    }

    /** As many signalfd_siginfo records as fit and are pending; waits for one unless O_NONBLOCK (EAGAIN); EINVAL under 128 bytes. */
    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        if (len < INFO_SIZE) return -Errno.EINVAL;
        SignalState s = caller();
        if (s == null) return -Errno.EINVAL;
        int n = take(s, buf, off, len);
        if (n > 0) return n;
        if (file != null && (file.flags & OpenFlags.O_NONBLOCK) != 0) return -Errno.EAGAIN;
        Executor ex = Processes.executor();
        Process p = Processes.current();
        PollTable t = new PollTable(ex, p.task());
        t.wait(s.queueWaiters);
        t.stopCollecting();
        int result;
        while (true) {
            n = take(s, buf, off, len);
            if (n > 0) {
                result = n;
                break;
            }
            if (t.takeTriggered()) continue;
            if (s.nextDeliverable() != 0) {
                result = -Errno.EINTR;
                break;
            }
            p.task().clearSignal();
            if (ex.block(Executor.NO_DEADLINE, true) == WakeReason.INTERRUPTED && (s.pending() & mask) == 0) {
                result = -Errno.EINTR;
                break;
            }
        }
        t.release();
        return result;
    }

    @Override
    public int write(long pos, byte[] buf, int off, int len) { return -Errno.EINVAL; }

    /** Readable while a signal in the mask is pending for the caller (signalfd_poll). */
    @Override
    public int poll(OpenFile f, PollTable table) {
        SignalState s = caller();
        if (s == null) return 0;
        if (table != null) table.wait(s.queueWaiters);
        return (s.pending() & mask) != 0 ? PollEvents.READABLE : 0;
    }
}
