package lichen.net.tcp;

import lichen.api.Kmem;
import lichen.api.Slab;

/**
 * A listening socket's children (RFC 9293 3.10.7.2; listen(2)'s backlog):
 * those still in SYN_RECEIVED and those established and waiting for
 * accept(2), oldest first. A SYN that finds {@link #backlog} children is
 * dropped (the peer retries), as Linux drops when its queues are full.
 */
@Slab
final class AcceptQueue {
    int backlog;
    private TcpConnection[] children = new TcpConnection[8];
    private int count;

    AcceptQueue(int backlog) { this.backlog = backlog; }

    boolean full() { return count >= backlog; }

    int size() { return count; }

    void add(TcpConnection c) {
        if (count == children.length) {
            TcpConnection[] bigger = new TcpConnection[count * 2];
            System.arraycopy(children, 0, bigger, 0, count);
            children = bigger;
        }
        children[count++] = c;
    }

    /** Children established and not yet accepted. */
    int ready() {
        int n = 0;
        for (int i = 0; i < count; i++) if (children[i].state != TcpState.SYN_RECEIVED) n++;
        return n;
    }

    /** The oldest established child, removed; null when none. */
    TcpConnection take() {
        for (int i = 0; i < count; i++) {
            TcpConnection c = children[i];
            if (c.state != TcpState.SYN_RECEIVED) {
                remove(i);
                return c;
            }
        }
        return null;
    }

    TcpConnection get(int i) { return children[i]; }

    boolean remove(TcpConnection c) {
        for (int i = 0; i < count; i++) {
            if (children[i] == c) {
                remove(i);
                return true;
            }
        }
        return false;
    }

    void free() { Kmem.free(this); }

    private void remove(int i) {
        System.arraycopy(children, i + 1, children, i, count - i - 1);
        children[--count] = null;
    }
}
