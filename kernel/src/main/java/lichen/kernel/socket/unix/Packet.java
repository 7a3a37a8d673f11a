package lichen.kernel.socket.unix;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.kernel.socket.PassedFiles;

/**
 * One unit of a unix socket's receive queue (Linux's sk_buff for AF_UNIX): a
 * datagram or record whole, or a piece of a stream. It remembers who sent it,
 * whose send buffer it is charged to until it is read, the sender's name
 * (recvfrom's address) and the ancillary data that travels with it.
 */
@Slab
final class Packet {
    /**
     * What a queued packet costs its sender beyond its bytes, so that a
     * stream of tiny messages fills a send buffer as on Linux, where each
     * carries an sk_buff's truesize (several hundred bytes).
     */
    static final int OVERHEAD = 512;

    final byte[] data;
    final int length;
    /** Bytes of a stream piece already read. */
    int consumed;
    final UnixSocket sender;
    final UnixAddress from;
    PassedFiles files;
    boolean hasCredentials;
    int pid, uid, gid;
    Packet next;

    private Packet(byte[] data, int length, UnixSocket sender) {
        this.data = data;
        this.length = length;
        this.sender = sender;
        this.from = sender.address;
    }

    static Packet create(int length, UnixSocket sender) {
        return new Packet(Kmem.newBytes(Math.max(length, 1)), length, sender);
    }

    int unread() { return length - consumed; }

    /** What it costs its sender's send buffer while queued. */
    int charge() { return length + OVERHEAD; }

    boolean sameCredentials(Packet other) {
        return hasCredentials == other.hasCredentials && pid == other.pid && uid == other.uid && gid == other.gid;
    }

    /** Frees the packet after it is read or dropped; files still carried are closed. */
    @Async
    void free() {
        PassedFiles.close(files);
        Kmem.free(data);
        Kmem.free(this);
    }
}
