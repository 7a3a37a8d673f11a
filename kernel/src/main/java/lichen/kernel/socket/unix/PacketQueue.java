package lichen.kernel.socket.unix;

import lichen.api.Async;

/** A unix socket's receive queue: packets in arrival order, with their count and unread bytes. */
final class PacketQueue {
    private Packet head, tail;
    private int count;
    private long bytes;

    boolean isEmpty() { return head == null; }

    Packet head() { return head; }

    int count() { return count; }

    /** Unread bytes of every packet (FIONREAD of a stream). */
    long bytes() { return bytes; }

    void append(Packet p) {
        if (tail == null) head = p;
        else tail.next = p;
        tail = p;
        count++;
        bytes += p.unread();
    }

    /** Some bytes of the head were read (a stream piece read in part). */
    void consumed(Packet p, int n) {
        p.consumed += n;
        bytes -= n;
    }

    /** Takes the head off the queue (not freed: the caller reads it and frees it). */
    Packet removeHead() {
        Packet p = head;
        if (p == null) return null;
        head = p.next;
        if (head == null) tail = null;
        p.next = null;
        count--;
        bytes -= p.unread();
        return p;
    }

    /** Drops every packet (the socket's last close): their senders are uncharged and their files closed. */
    @Async
    void purge() {
        Packet p;
        while ((p = removeHead()) != null) {
            p.sender.uncharge(p);
            p.free();
        }
    }
}
