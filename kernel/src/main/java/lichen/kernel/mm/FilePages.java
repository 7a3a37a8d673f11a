package lichen.kernel.mm;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.libkernel.Errno;

/**
 * A private file mapping's pages: each page a fault asks for is read from the
 * file, and bytes from {@code dataEnd} on stay zero — the end of an ELF
 * segment's file bytes, where its .bss begins (System V ABI, "Program
 * Loading"), or the end of the file, as mmap(2) zero-fills a partial last page.
 * A page that starts past the file's end cannot be filled at all.
 */
@Unsafe
public final class FilePages implements PageSource {
    private static final int PAGE = (int) UserAddressSpace.PAGE;

    private final MappedFile file;
    private final long dataEnd;

    public FilePages(MappedFile file, long dataEnd) {
        this.file = file;
        this.dataEnd = dataEnd;
    }

    public MappedFile file() { return file; }

    /** Whether the page at {@code fileOffset} is a whole page of the file with nothing zeroed, so one frame serves every mapping of it. */
    boolean wholePage(long fileOffset) { return fileOffset + PAGE <= Math.min(dataEnd, file.size()); }

    /** A page wholly past the end of the file: touching it is SIGBUS, and a system call's copy EFAULT (mmap(2)). */
    public static final int BEYOND_END = -Errno.ENXIO;

    @Override
    @Async
    public int fillPage(long pa, long fileOffset) {
        if (fileOffset >= file.size()) return BEYOND_END;
        long want = Math.min(PAGE, Math.min(dataEnd, file.size()) - fileOffset);
        if (want <= 0) return 0;
        byte[] buf = new byte[(int) want];
        int done = 0;
        while (done < want) {
            int n = file.pread(buf, done, (int) want - done, fileOffset + done);
            if (n < 0) return n;
            if (n == 0) break; // the file shrank: the rest reads as zeros
            done += n;
        }
        Mem.copyFromArray(buf, 0, pa, done);
        return 0;
    }
}
