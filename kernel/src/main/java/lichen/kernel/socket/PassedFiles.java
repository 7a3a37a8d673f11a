package lichen.kernel.socket;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.fs.vfs.OpenFile;

/**
 * The open file descriptions an SCM_RIGHTS message carries (unix(7)), in the
 * order the sender named them, each holding a reference of its own from the
 * moment it is sent until a receiver installs it or the message is dropped.
 */
@Slab
public final class PassedFiles {
    /** SCM_MAX_FD: the most descriptions one message may carry (include/net/scm.h). */
    public static final int MAX = 253;

    public final OpenFile file;
    public PassedFiles next;

    private PassedFiles(OpenFile file) { this.file = file; }

    /** {@code list} with {@code f} (retained) appended: the new head when {@code list} was null. */
    public static PassedFiles append(PassedFiles list, OpenFile f) {
        f.retain();
        PassedFiles node = new PassedFiles(f);
        if (list == null) return node;
        PassedFiles last = list;
        while (last.next != null) last = last.next;
        last.next = node;
        return list;
    }

    public static int count(PassedFiles list) {
        int n = 0;
        for (PassedFiles f = list; f != null; f = f.next) n++;
        return n;
    }

    /** A copy of {@code list} with references of its own (MSG_PEEK hands out the files and leaves the message whole). */
    public static PassedFiles copy(PassedFiles list) {
        PassedFiles out = null;
        for (PassedFiles f = list; f != null; f = f.next) out = append(out, f.file);
        return out;
    }

    /** Drops the references and the list's nodes: a message dropped unread, or the files a receiver had no room for. */
    @Async
    public static void close(PassedFiles list) {
        while (list != null) {
            PassedFiles next = list.next;
            list.file.close();
            Kmem.free(list);
            list = next;
        }
    }

    /** Frees the first node only, its reference now another holder's (a descriptor table's); the rest of the list. */
    public static PassedFiles handOff(PassedFiles node) {
        PassedFiles next = node.next;
        Kmem.free(node);
        return next;
    }
}
