package lichen.kernel.exec;

import lichen.api.Async;
import lichen.arch.aarch64.StackContinuations;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.mm.MappedFile;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.ResourceLimits;
import lichen.kernel.proc.Processes;
import lichen.kernel.proc.UserFrame;
import lichen.kernel.signal.PosixTimers;
import lichen.kernel.signal.SigreturnPage;
import lichen.libkernel.Errno;
import lichen.libkernel.elf.AuxVector;
import lichen.libkernel.elf.ElfFile;
import lichen.libkernel.elf.ElfResult;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.Vma;

/**
 * execve(2)'s work: the file is an ELF executable (static, or dynamic with
 * its PT_INTERP loader mapped beside it) or a "#!" script run by its
 * interpreter; a new address space gets its segments, a stack with argv, envp
 * and the auxiliary vector, and the caller's user frame starts at the entry.
 * Until the new space is complete the old one is untouched, so a failed exec
 * returns its error to a caller that is still there; then the process's
 * other threads end, and the caller goes on as the only one.
 */
public final class Exec {
    /**
     * How exec reaches files: {@code path} from directory {@code dirfd}
     * (AT_FDCWD: the cwd) with execveat(2)'s {@code atFlags}; the file layer
     * answers with an executable regular file or -errno (ENOENT, EACCES,
     * ELOOP for a symbolic link under AT_SYMLINK_NOFOLLOW, ...).
     */
    public interface Files {
        @Async
        int open(Process p, int dirfd, String path, int atFlags, MappedFile[] out);
    }

    /** Linux's limit on the argument and environment strings together: a quarter of the 8 MiB stack rlimit (fs/exec.c). */
    public static final long ARG_MAX = 2L << 20;
    /** MAX_ARG_STRLEN: 32 pages for one string. */
    public static final int MAX_ARG_STRLEN = 32 * 4096;
    /** Linux follows at most 4 levels of interpreters (BINPRM_MAX_RECURSION) before ELOOP. */
    static final int MAX_SCRIPT_DEPTH = 4;
    /** The "#!" line is read from the first 256 bytes (BINPRM_BUF_SIZE). */
    static final int SHEBANG_MAX = 256;
    /** AT_HWCAP: FP and ASIMD, which every ARMv8-A CPU Linux runs on has (arch/arm64 hwcap.h). */
    static final long HWCAP_FP = 1, HWCAP_ASIMD = 2;

    private static Files files;

    private Exec() {}

    public static void useFiles(Files f) { files = f; }

    /**
     * Replaces {@code p}'s program with the one at {@code path}: 0 with the
     * frame at {@code frame} set to start it, or -errno with nothing changed.
     */
    @Async
    public static int execve(Process p, long frame, byte[] path, byte[][] argv, byte[][] envp) {
        return execveat(p, frame, OpenFlags.AT_FDCWD, path, 0, path, argv, envp);
    }

    /**
     * execveat(2)'s form: the file is {@code path} from {@code dirfd} with
     * {@code atFlags}; {@code name} is what the program is called (Linux's
     * bprm->filename): the path, or /dev/fd/N[/path] for one relative to a
     * descriptor. It becomes AT_EXECFN, a script's argument to its
     * interpreter and, cut to its last component, comm.
     */
    @Async
    public static int execveat(Process p, long frame, int dirfd, byte[] path, int atFlags, byte[] name, byte[][] argv, byte[][] envp) {
        if (files == null) return -Errno.ENOENT;
        byte[][] args = argv;
        byte[] file = name;
        String comm = ByteStrings.text(name);
        for (int depth = 0; depth <= MAX_SCRIPT_DEPTH; depth++) {
            MappedFile[] opened = new MappedFile[1];
            int rc = depth == 0 ? files.open(p, dirfd, ByteStrings.text(path), atFlags, opened)
                    : files.open(p, OpenFlags.AT_FDCWD, ByteStrings.text(file), 0, opened);
            if (rc < 0) return rc;
            MappedFile f = opened[0];
            // The file a descriptor names by itself (AT_EMPTY_PATH) is called by its own name, not /dev/fd/N's "N" (Linux since 6.13, and Debian's 6.1).
            if (depth == 0 && path.length == 0) comm = f.path();
            byte[] head = readHead(f);
            if (head == null) return -Errno.EIO;
            if (head.length >= 2 && head[0] == '#' && head[1] == '!') {
                byte[][] next = Shebang.arguments(head, file, args);
                if (next == null) return -Errno.ENOEXEC;
                args = next;
                file = next[0];
                continue;
            }
            ElfResult elf = ElfFile.parse(head, f.size());
            if (!elf.isOk()) return -Errno.ENOEXEC;
            return start(p, frame, f, elf.elf(), args, envp, name, comm);
        }
        return -Errno.ELOOP;
    }

    @Async
    private static int start(Process p, long frame, MappedFile f, ElfFile elf, byte[][] argv, byte[][] envp, byte[] execfn, String comm) {
        UserAddressSpace mm = UserAddressSpace.create();
        if (mm == null) return -Errno.ENOMEM;
        long[] entry = new long[1];
        long sp = load(p, mm, f, elf, argv, envp, execfn, entry);
        if (sp < 0) {
            mm.destroy();
            return (int) sp;
        }
        // The other threads end first (they run on in the old space until then); a thread that is not the leader takes its place.
        Process leader = Processes.endOtherThreads(p);
        if (leader == null) {
            mm.destroy();
            return -Errno.EAGAIN;
        }
        p = leader;
        // The point of no return: the old program is gone from here on.
        UserAddressSpace old = p.mm();
        p.setMm(mm);
        p.setComm(comm);
        p.setProgram(f.path(), argv);
        p.setEnvironment(envp);
        p.signals().resetForExec();
        p.forgetRseq(); // the new program registers its own (rseq(2))
        PosixTimers.deleteAll(p); // timer_create(2): "The timers are not inherited across execve(2)" (they are deleted)
        if (p.files() != null) p.files().fds.closeForExec();
        StackContinuations.setTranslationTable(mm.ttbr0());
        if (p.borrowsMm()) Processes.releaseVfork(p); // a vfork child: the old space is its parent's
        else if (old != null) old.destroy();
        UserFrame.initialise(frame, entry[0], sp);
        return 0;
    }

    /** Maps the program, its interpreter and its stack; returns sp or -errno, the first instruction's address in {@code entryOut[0]}. */
    @Async
    private static long load(Process p, UserAddressSpace mm, MappedFile f, ElfFile elf, byte[][] argv, byte[][] envp, byte[] execfn,
            long[] entryOut) {
        long bias = AuxVector.loadBias(elf);
        long end = ElfLoader.map(mm, elf, f, bias);
        if (end < 0) return end;
        mm.setProgramExtents(bias + elf.codeStart(), bias + elf.codeEnd(), bias + elf.dataStart(), bias + elf.dataEnd());
        long entry = bias + elf.entry();
        long interpreterBase = 0;
        if (elf.interpreter() != null) {
            MappedFile[] opened = new MappedFile[1];
            int rc = files.open(p, OpenFlags.AT_FDCWD, elf.interpreter(), 0, opened);
            if (rc < 0) return rc;
            byte[] head = readHead(opened[0]);
            if (head == null) return -Errno.EIO;
            ElfResult interp = ElfFile.parse(head, opened[0].size());
            if (!interp.isOk() || interp.elf().interpreter() != null) return -Errno.ELIBBAD;
            long ibias = ElfLoader.interpreterBias(mm, interp.elf());
            if (ibias < 0) return ibias;
            long iend = ElfLoader.map(mm, interp.elf(), opened[0], ibias);
            if (iend < 0) return iend;
            interpreterBase = ibias + interp.elf().loadStart();
            entry = ibias + interp.elf().entry();
        }
        mm.setBrkStart(end);
        // The stack area covers the strings' pages and 128 KiB below them, and grows on demand up to RLIMIT_STACK
        // (fs/exec.c setup_arg_pages; UserAddressSpace.areaAllowing).
        long strings = InitialStack.stringsStart(UserAddressSpace.STACK_TOP, argv, envp, execfn);
        if (strings < 0) return strings;
        mm.setStackLimit(ResourceLimits.of(p)[2 * ResourceLimits.RLIMIT_STACK]);
        int rc = mm.mapFixed(new Vma((strings & -4096L) - UserAddressSpace.STACK_EXPAND, UserAddressSpace.STACK_TOP,
                Prot.READ | Prot.WRITE, Vma.GROWSDOWN).named("[stack]"));
        if (rc < 0) return rc;
        long trampoline = SigreturnPage.map(mm);
        if (trampoline < 0) return trampoline;
        mm.setSigreturnTrampoline(trampoline);
        AuxVector aux = AuxVector.forProgram(elf, bias, interpreterBase);
        aux.put(AuxVector.AT_HWCAP, HWCAP_FP | HWCAP_ASIMD);
        aux.put(AuxVector.AT_CLKTCK, 100);
        aux.put(AuxVector.AT_UID, 0);
        aux.put(AuxVector.AT_EUID, 0);
        aux.put(AuxVector.AT_GID, 0);
        aux.put(AuxVector.AT_EGID, 0);
        aux.put(AuxVector.AT_SECURE, 0);
        long sp = InitialStack.build(mm, UserAddressSpace.STACK_TOP, argv, envp, execfn, aux);
        entryOut[0] = entry;
        return sp;
    }

    /** The file's first bytes (up to {@link ElfLoader#HEAD}), or null when it cannot be read. */
    @Async
    private static byte[] readHead(MappedFile f) {
        int want = (int) Math.min(f.size(), ElfLoader.HEAD);
        byte[] head = new byte[want];
        int done = 0;
        while (done < want) {
            int n = f.pread(head, done, want - done, done);
            if (n < 0) return null;
            if (n == 0) break;
            done += n;
        }
        if (done == want) return head;
        byte[] shorter = new byte[done];
        System.arraycopy(head, 0, shorter, 0, done);
        return shorter;
    }
}
