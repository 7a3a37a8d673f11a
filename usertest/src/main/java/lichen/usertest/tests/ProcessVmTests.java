package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Ptrace;

/** process_vm_readv(2): another process's memory, read without stopping it (strace reads its tracees' strings so). */
public final class ProcessVmTests {
    private ProcessVmTests() {}

    public static void register(TestList list) {
        list.add("process_vm_readv_reads_another_process_efault_esrch", ProcessVmTests::vmReadv);
    }

    /**
     * process_vm_readv: bytes of another process's memory (a word the child
     * wrote into its copy of an array); EFAULT for a bad remote address,
     * EINVAL for flags, ESRCH for a missing pid.
     */
    private static void vmReadv(Check c) {
        long[] cell = new long[1];
        int[] hold = Pipes.open(c);
        int[] ready = Pipes.open(c);
        if (hold == null || ready == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            cell[0] = 0x0102030405060708L;
            Linux.close(hold[1]);
            byte[] b = new byte[1];
            Linux.write(ready[1], b, 0, 1);
            Linux.read(hold[0], b, 0, 1);
            Processes.childExit(0);
        }
        Linux.close(hold[0]);
        byte[] b = new byte[8];
        if (c.succeeded(pid, "clone") && c.returned(1, Linux.read(ready[0], b, 0, 1), "the child's word that it is ready")) {
            long[] local = {Ptrace.address(b), 8};
            long[] remote = {Ptrace.address(cell), 8};
            if (c.returned(8, Ptrace.processVmReadv(pid, local, remote, 0), "process_vm_readv")) {
                c.equal(0x0102030405060708L, LittleEndian.u64(b, 0), "the child's word");
            }
            long[] bad = {0xdead0000L, 8};
            c.fails(Errno.EFAULT, Ptrace.processVmReadv(pid, local, bad, 0), "process_vm_readv from a bad remote address");
            c.fails(Errno.EINVAL, Ptrace.processVmReadv(pid, local, remote, 1), "process_vm_readv with flags 1");
            c.fails(Errno.ESRCH, Ptrace.processVmReadv(0x3fff_fff0L, local, remote, 0), "process_vm_readv of a missing pid");
        }
        Linux.close(hold[1]);
        hold[1] = -1;
        Linux.wait4(pid, null, 0);
        Pipes.close(hold);
        Pipes.close(ready);
    }
}
