package lichen.fs.vfs;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.libkernel.sync.PollTable;
import lichen.libkernel.sync.WakerSet;

/**
 * An epoll instance (man 7 epoll): the interest list of files to watch and
 * the ready list of entries that may have events. It is the driver of its
 * own descriptor, which is readable while some entry is ready, so one epoll
 * can watch another and poll(2) can watch an epoll.
 *
 * <p>Readiness is level-triggered unless an entry asks for EPOLLET: a
 * level-triggered entry that reported events goes back on the ready list and
 * is asked again at the next wait; an edge-triggered one is reported again
 * only after a new wake from its file. EPOLLONESHOT disables an entry after
 * one report until EPOLL_CTL_MOD re-arms it.
 */
public final class Epoll implements CharDevice {
    public static final int EPOLLIN = 0x001, EPOLLPRI = 0x002, EPOLLOUT = 0x004, EPOLLERR = 0x008, EPOLLHUP = 0x010,
            EPOLLRDNORM = 0x040, EPOLLRDBAND = 0x080, EPOLLWRNORM = 0x100, EPOLLWRBAND = 0x200, EPOLLMSG = 0x400,
            EPOLLRDHUP = 0x2000;
    public static final int EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29, EPOLLONESHOT = 1 << 30, EPOLLET = 1 << 31;
    /** The bits that are flags on an entry rather than events (Linux's EP_PRIVATE_BITS). */
    public static final int FLAGS = EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET;
    /** What EPOLLEXCLUSIVE may come with (epoll_ctl(2): EPOLLIN, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLWAKEUP, EPOLLET). */
    public static final int EXCLUSIVE_OK = EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE
            | EPOLLRDNORM | EPOLLWRNORM;
    /** What every entry waits for, asked or not (epoll_ctl(2): "epoll_wait(2) will always wait for this event"). */
    public static final int ALWAYS = EPOLLERR | EPOLLHUP;
    /** sizeof(struct epoll_event) on arm64: u32 events, 4 bytes of padding, u64 data. */
    public static final int EVENT_SIZE = 16;

    private EpollItem items, readyHead, readyTail;
    private int itemCount;
    /** Tasks in epoll_wait(2), and pollers of this epoll's own descriptor: woken when an entry is queued. */
    public final WakerSet waiters = new WakerSet();

    public int size() { return itemCount; }

    private EpollItem find(OpenFile f, int fd) {
        for (EpollItem i = items; i != null; i = i.nextInSet) if (i.file == f && i.fd == fd) return i;
        return null;
    }

    /**
     * EPOLL_CTL_ADD: watch {@code f} (descriptor {@code fd}) for {@code events},
     * handing back {@code data}; EEXIST when that descriptor's file is already
     * watched. The file is asked at once, so what is ready already is reported.
     */
    public int add(OpenFile f, int fd, int events, long data) {
        if (find(f, fd) != null) return -Errno.EEXIST;
        EpollItem i = new EpollItem(this, f, fd, events | ALWAYS, data);
        i.nextInSet = items;
        items = i;
        i.nextOnFile = f.watchers;
        f.watchers = i;
        itemCount++;
        int now = f.poll(i.registrations);
        i.registrations.stopCollecting();
        if ((now & i.wanted()) != 0) queue(i);
        return 0;
    }

    /** EPOLL_CTL_MOD: new events and data for the entry (re-arming a fired one-shot); ENOENT when there is none. */
    public int modify(OpenFile f, int fd, int events, long data) {
        EpollItem i = find(f, fd);
        if (i == null) return -Errno.ENOENT;
        if ((i.events & EPOLLEXCLUSIVE) != 0) return -Errno.EINVAL;
        i.events = events | ALWAYS;
        i.data = data;
        if ((f.poll(null) & i.wanted()) != 0) queue(i);
        return 0;
    }

    /** EPOLL_CTL_DEL: stop watching; ENOENT when not watched. */
    public int remove(OpenFile f, int fd) {
        EpollItem i = find(f, fd);
        if (i == null) return -Errno.ENOENT;
        unlink(i);
        return 0;
    }

    /** Whether {@code f} is an entry of this epoll, or of one it watches, however deep (ep_loop_check's walk, for ELOOP). */
    public boolean reaches(OpenFile f, int depth) {
        if (depth > 5) return true; // EP_MAX_NESTS: deeper is refused as a loop would be
        for (EpollItem i = items; i != null; i = i.nextInSet) {
            if (i.file == f) return true;
            if (i.file.device instanceof Epoll e && e.reaches(f, depth + 1)) return true;
        }
        return false;
    }

    /** Takes {@code i} off the interest list, the ready list and its file's waits. */
    private void unlink(EpollItem i) {
        if (items == i) items = i.nextInSet;
        else for (EpollItem p = items; p != null; p = p.nextInSet) if (p.nextInSet == i) { p.nextInSet = i.nextInSet; break; }
        OpenFile f = i.file;
        if (f.watchers == i) f.watchers = i.nextOnFile;
        else for (EpollItem p = f.watchers; p != null; p = p.nextOnFile) if (p.nextOnFile == i) { p.nextOnFile = i.nextOnFile; break; }
        if (i.queued) {
            EpollItem prev = null;
            for (EpollItem p = readyHead; p != null; prev = p, p = p.nextReady) {
                if (p != i) continue;
                if (prev == null) readyHead = p.nextReady;
                else prev.nextReady = p.nextReady;
                if (readyTail == p) readyTail = prev;
                break;
            }
            i.queued = false;
        }
        i.registrations.release();
        itemCount--;
    }

    /** Puts {@code i} on the ready list (once) and wakes the waiters; called from a file's wake, so it must not sleep. */
    void queue(EpollItem i) {
        if (!i.queued) {
            i.queued = true;
            i.nextReady = null;
            if (readyTail == null) readyHead = i;
            else readyTail.nextReady = i;
            readyTail = i;
        }
        waiters.wakeAll(EPOLLIN);
    }

    private EpollItem dequeue() {
        EpollItem i = readyHead;
        if (i == null) return null;
        readyHead = i.nextReady;
        if (readyHead == null) readyTail = null;
        i.nextReady = null;
        i.queued = false;
        return i;
    }

    /**
     * epoll_wait(2)'s harvest: up to {@code max} struct epoll_event records into
     * {@code out}, from the entries on the ready list whose files have asked-for
     * events now; returns how many. An entry with none leaves the list; a
     * level-triggered one that reported goes back on it, after the others.
     */
    public int harvest(byte[] out, int max) {
        int n = 0;
        EpollItem again = null, againTail = null;
        EpollItem i;
        while (n < max && (i = dequeue()) != null) {
            int revents = i.file.poll(null) & i.wanted();
            if (revents == 0) continue;
            LittleEndian.put32(out, n * EVENT_SIZE, revents);
            LittleEndian.put32(out, n * EVENT_SIZE + 4, 0);
            LittleEndian.put64(out, n * EVENT_SIZE + 8, i.data);
            n++;
            if ((i.events & EPOLLONESHOT) != 0) i.events &= FLAGS;
            else if ((i.events & EPOLLET) == 0) {
                if (againTail == null) again = i;
                else againTail.nextReady = i;
                againTail = i;
            }
        }
        while (again != null) {
            EpollItem next = again.nextReady;
            again.nextReady = null;
            queue(again);
            again = next;
        }
        return n;
    }

    /** Whether some entry on the ready list has events now: this epoll's descriptor is then readable (ep_poll_readyevents). */
    public boolean hasEvents() {
        for (EpollItem i = readyHead; i != null; i = i.nextReady) if ((i.file.poll(null) & i.wanted()) != 0) return true;
        return false;
    }

    @Override
    public int poll(OpenFile f, PollTable table) {
        if (table != null) table.wait(waiters);
        return hasEvents() ? PollEvents.POLLIN | PollEvents.POLLRDNORM : 0;
    }

    @Override
    public int read(long pos, byte[] buf, int off, int len) { return -Errno.EINVAL; }

    @Override
    public int write(long pos, byte[] buf, int off, int len) { return -Errno.EINVAL; }

    /** The epoll's descriptor closed for the last time: every entry goes. */
    @Override
    @Async
    public void released(OpenFile f) {
        while (items != null) unlink(items);
    }

    /** {@code f}'s last descriptor closed: it leaves every interest list (man 7 epoll, Q6). */
    static void fileClosed(OpenFile f) {
        while (f.watchers != null) f.watchers.owner.unlink(f.watchers);
    }
}
