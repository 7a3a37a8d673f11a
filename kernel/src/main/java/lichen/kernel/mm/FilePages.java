package lichen.kernel.mm;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.fs.vfs.InodePages;

/**
 * A file mapping's pages: the page cache's frames of the file, mapped as they
 * are (UserPages), except a private page holding {@code dataEnd}, which is a
 * copy filled here: bytes from {@code dataEnd} on stay zero — the end of an ELF
 * segment's file bytes, where its .bss begins (System V ABI, "Program
 * Loading"), or the end of the file, as mmap(2) zero-fills a partial last page.
 * A page that starts past the file's end cannot be filled at all.
 */
@Unsafe
public final class FilePages implements PageSource {
    private static final int PAGE = (int) UserAddressSpace.PAGE;

    private final MappedFile file;
    private final long dataEnd;
    private final boolean openForWriting;

    public FilePages(MappedFile file, long dataEnd) { this(file, dataEnd, false); }

    /** {@code openForWriting}: the descriptor mmap(2) mapped was open for writing, so a shared mapping may be made writable. */
    public FilePages(MappedFile file, long dataEnd, boolean openForWriting) {
        this.file = file;
        this.dataEnd = dataEnd;
        this.openForWriting = openForWriting;
    }

    public MappedFile file() { return file; }

    /** Whether a shared mapping of these pages may store into the file (mprotect(2)'s EACCES otherwise). */
    public boolean mayWriteShared() { return openForWriting; }

    /**
     * Whether the page at {@code fileOffset} shows the file's bytes as they are, with nothing of it
     * zeroed for .bss, so the page cache's frame for it serves the mapping (read-only when private).
     * The cache's last page of a file is zero past the file's end, as mmap(2) wants.
     */
    boolean showsCachePage(long fileOffset) { return fileOffset + PAGE <= dataEnd; }

    /** A page wholly past the end of the file: touching it is SIGBUS, and a system call's copy EFAULT (mmap(2)). */
    public static final int BEYOND_END = InodePages.BEYOND_END;

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
