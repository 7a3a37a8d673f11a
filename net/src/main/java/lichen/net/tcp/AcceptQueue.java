package lichen.net.tcp;

import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.fs.ObjectList;

/**
 * A listening socket's children (RFC 9293 3.10.7.2; listen(2)'s backlog):
 * those still in SYN_RECEIVED and those established and waiting for
 * accept(2), oldest first. A SYN that finds {@link #backlog} children is
 * dropped (the peer retries), as Linux drops when its queues are full.
 */
@Slab
final class AcceptQueue {
    int backlog;
    private final ObjectList<TcpConnection> children = new ObjectList<>();

    AcceptQueue(int backlog) { this.backlog = backlog; }

    boolean full() { return children.size() >= backlog; }

    int size() { return children.size(); }

    void add(TcpConnection c) { children.add(c); }

    /** Children established and not yet accepted. */
    int ready() {
        int n = 0;
        for (int i = 0; i < children.size(); i++) if (children.get(i).state != TcpState.SYN_RECEIVED) n++;
        return n;
    }

    /** The oldest established child, removed; null when none. */
    TcpConnection take() {
        for (int i = 0; i < children.size(); i++) {
            TcpConnection c = children.get(i);
            if (c.state != TcpState.SYN_RECEIVED) {
                children.removeAt(i);
                return c;
            }
        }
        return null;
    }

    TcpConnection get(int i) { return children.get(i); }

    boolean remove(TcpConnection c) {
        int i = children.indexOf(c);
        if (i < 0) return false;
        children.removeAt(i);
        return true;
    }

    void free() { Kmem.free(this); }
}
