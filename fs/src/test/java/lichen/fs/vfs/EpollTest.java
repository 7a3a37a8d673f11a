package lichen.fs.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.tmpfs.TmpFs;
import lichen.libkernel.sync.PollTable;
import lichen.libkernel.sync.WakerSet;
import org.junit.jupiter.api.Test;

/** epoll's interest and ready lists: level and edge triggering, one-shot, removal on close. */
class EpollTest {
    /** A device whose readiness the test sets, waking its pollers with the bits that changed. */
    static final class Source implements CharDevice {
        int ready;
        final WakerSet pollers = new WakerSet();

        void set(int events, int changed) {
            ready = events;
            pollers.wakeAll(changed);
        }

        @Override
        public int read(long pos, byte[] buf, int off, int len) { return 0; }

        @Override
        public int write(long pos, byte[] buf, int off, int len) { return 0; }

        @Override
        public int poll(OpenFile f, PollTable table) {
            if (table != null) table.wait(pollers);
            return ready;
        }
    }

    private final AnonymousFiles files = new AnonymousFiles(new TmpFs(Clock.EPOCH, 1 << 20));

    private OpenFile open(CharDevice d) { return files.open(FileMode.S_IFREG | 0600, OpenFlags.O_RDWR, d).value; }

    private static int events(byte[] out, int i) { return LittleEndian.i32(out, i * Epoll.EVENT_SIZE); }

    private static long data(byte[] out, int i) { return LittleEndian.u64(out, i * Epoll.EVENT_SIZE + 8); }

    @Test
    void levelTriggeredReportsWhileReady() {
        Epoll ep = new Epoll();
        Source s = new Source();
        OpenFile f = open(s);
        assertEquals(0, ep.add(f, 3, Epoll.EPOLLIN, 42));
        byte[] out = new byte[4 * Epoll.EVENT_SIZE];
        assertEquals(0, ep.harvest(out, 4), "nothing ready yet");
        s.set(Epoll.EPOLLIN, Epoll.EPOLLIN);
        assertEquals(1, ep.harvest(out, 4));
        assertEquals(Epoll.EPOLLIN, events(out, 0));
        assertEquals(42, data(out, 0));
        assertEquals(1, ep.harvest(out, 4), "still readable: reported again");
        s.set(0, Epoll.EPOLLOUT);
        assertEquals(0, ep.harvest(out, 4));
        assertFalse(ep.hasEvents());
    }

    @Test
    void edgeTriggeredReportsOncePerWake() {
        Epoll ep = new Epoll();
        Source s = new Source();
        OpenFile f = open(s);
        ep.add(f, 3, Epoll.EPOLLIN | Epoll.EPOLLET, 7);
        s.set(Epoll.EPOLLIN, Epoll.EPOLLIN);
        byte[] out = new byte[Epoll.EVENT_SIZE];
        assertEquals(1, ep.harvest(out, 1));
        assertEquals(0, ep.harvest(out, 1), "no new edge");
        s.set(Epoll.EPOLLIN, Epoll.EPOLLOUT);
        assertEquals(0, ep.harvest(out, 1), "a wake for other events is no edge for EPOLLIN");
        s.set(Epoll.EPOLLIN, Epoll.EPOLLIN);
        assertEquals(1, ep.harvest(out, 1), "more data: a new edge");
    }

    @Test
    void oneShotDisablesUntilModified() {
        Epoll ep = new Epoll();
        Source s = new Source();
        s.ready = Epoll.EPOLLOUT;
        OpenFile f = open(s);
        ep.add(f, 4, Epoll.EPOLLOUT | Epoll.EPOLLONESHOT, 1);
        byte[] out = new byte[Epoll.EVENT_SIZE];
        assertEquals(1, ep.harvest(out, 1), "ready when added");
        s.set(Epoll.EPOLLOUT, 0);
        assertEquals(0, ep.harvest(out, 1), "fired: disabled");
        assertEquals(0, ep.modify(f, 4, Epoll.EPOLLOUT | Epoll.EPOLLONESHOT, 2));
        assertEquals(1, ep.harvest(out, 1));
        assertEquals(2, data(out, 0));
    }

    @Test
    void controlErrorsAndCloseRemoves() {
        Epoll ep = new Epoll();
        Source s = new Source();
        OpenFile f = open(s);
        assertEquals(0, ep.add(f, 5, Epoll.EPOLLIN, 0));
        assertEquals(-Errno.EEXIST, ep.add(f, 5, Epoll.EPOLLIN, 0));
        assertEquals(0, ep.add(f, 6, Epoll.EPOLLIN, 0), "the same file under another descriptor is another entry");
        assertEquals(-Errno.ENOENT, ep.modify(f, 7, Epoll.EPOLLIN, 0));
        assertEquals(0, ep.remove(f, 6));
        assertEquals(-Errno.ENOENT, ep.remove(f, 6));
        assertEquals(1, s.pollers.size());
        f.close();
        assertEquals(0, ep.size(), "the last close took the entry off");
        assertEquals(0, s.pollers.size(), "and its registration");
    }

    @Test
    void nestedEpollIsReadableWhenItsEntryIs() {
        Epoll inner = new Epoll(), outer = new Epoll();
        Source s = new Source();
        OpenFile f = open(s), innerFile = open(inner);
        inner.add(f, 3, Epoll.EPOLLIN, 0);
        outer.add(innerFile, 4, Epoll.EPOLLIN, 9);
        assertTrue(outer.reaches(f, 0));
        byte[] out = new byte[Epoll.EVENT_SIZE];
        assertEquals(0, outer.harvest(out, 1));
        s.set(Epoll.EPOLLIN, Epoll.EPOLLIN);
        assertEquals(1, outer.harvest(out, 1));
        assertEquals(9, data(out, 0));
    }

    @Test
    void errorAndHangupNeedNotBeAskedFor() {
        Epoll ep = new Epoll();
        Source s = new Source();
        OpenFile f = open(s);
        ep.add(f, 3, 0, 8);
        byte[] out = new byte[Epoll.EVENT_SIZE];
        s.set(Epoll.EPOLLIN, Epoll.EPOLLIN);
        assertEquals(0, ep.harvest(out, 1), "EPOLLIN was not asked for");
        s.set(Epoll.EPOLLIN | Epoll.EPOLLHUP, Epoll.EPOLLHUP);
        assertEquals(1, ep.harvest(out, 1));
        assertEquals(Epoll.EPOLLHUP, events(out, 0));
    }
}
