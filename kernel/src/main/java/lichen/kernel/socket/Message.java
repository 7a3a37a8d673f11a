package lichen.kernel.socket;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.api.Slab;

/**
 * One sendmsg or recvmsg between the system call and a socket (the kernel's
 * struct msghdr with its struct scm_cookie): the data's source or sink, the
 * peer address (the destination sent to, or the source received from), the
 * descriptions of SCM_RIGHTS and the ids of SCM_CREDENTIALS, and the MSG_
 * flags asked for and the ones the receive reports.
 */
@Slab
public final class Message {
    /** sizeof(struct sockaddr_storage): no address of any family is longer. */
    public static final int ADDRESS_MAX = 128;

    public DataSource source;
    public DataSink sink;
    public final byte[] address = Kmem.newBytes(ADDRESS_MAX);
    /** The address's length in bytes; 0 for none (send: to the connected peer; receive: the sender has no name). */
    public int addressLength;
    public PassedFiles files;
    /** Whether the message has SCM_CREDENTIALS (struct ucred: pid, uid, gid). */
    public boolean hasCredentials;
    public int pid, uid, gid;
    /** The MSG_ flags of the call (send's or receive's). */
    public int flags;
    /** What a receive reports in msg_flags: MSG_TRUNC, MSG_CTRUNC. */
    public int resultFlags;
    /** A receive's whole message length, which MSG_TRUNC returns instead of the bytes copied (unix(7), udp(7)). */
    public long fullLength;

    public Message(int flags) { this.flags = flags; }

    public boolean has(int flag) { return (flags & flag) != 0; }

    public void setCredentials(int pid, int uid, int gid) {
        hasCredentials = true;
        this.pid = pid;
        this.uid = uid;
        this.gid = gid;
    }

    /** Ends the message: files nobody took are closed, and the message itself freed. */
    @Async
    public void dispose() {
        PassedFiles.close(files);
        files = null;
        Kmem.free(address);
        Kmem.free(this);
    }
}
