package lichen.fs.vfs;

import lichen.libkernel.async.Waker;
import lichen.libkernel.sync.PollTable;

/**
 * One entry of an epoll instance's interest list (Linux's epitem): the file
 * and the descriptor it was added under, the events asked for and the data
 * to hand back (epoll_ctl(2)). It registers with the file's wait sets once,
 * when added, and stays registered until removed; every wake that may
 * concern its events queues it on the instance's ready list, where
 * epoll_wait(2) looks at it again (man 7 epoll).
 */
public final class EpollItem implements Waker {
    final Epoll owner;
    final OpenFile file;
    final int fd;
    /** The events asked for with the EPOLLET/EPOLLONESHOT/EPOLLEXCLUSIVE flags; a fired one-shot keeps only the flags. */
    int events;
    long data;
    /** The file's wait sets this entry's waker is on. */
    final PollTable registrations;
    /** On the owner's ready list, and the next one there. */
    boolean queued;
    EpollItem nextReady;
    /** The next entry of the owner's interest list, and of the entries watching the same file. */
    EpollItem nextInSet, nextOnFile;

    EpollItem(Epoll owner, OpenFile file, int fd, int events, long data) {
        this.owner = owner;
        this.file = file;
        this.fd = fd;
        this.events = events;
        this.data = data;
        registrations = new PollTable(this);
    }

    public int fd() { return fd; }

    /** The events this entry can report now (with EPOLLERR and EPOLLHUP, which epoll_ctl always adds); none once a one-shot fired. */
    int wanted() { return events & ~Epoll.FLAGS; }

    @Override
    public void wake() { wake(0); }

    /** The file changed: queue this entry unless the change concerns none of its events (ep_poll_callback). */
    @Override
    public void wake(int changed) {
        int w = wanted();
        if (w == 0 || (changed != 0 && (changed & w) == 0)) return;
        owner.queue(this);
    }
}
