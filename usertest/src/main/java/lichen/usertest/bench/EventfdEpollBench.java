package lichen.usertest.bench;

import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxEvents;

/**
 * An event loop's smallest turn: a write of 1 to an eventfd, an epoll_pwait
 * (timeout 0) that reports it, and the read that takes it; three system
 * calls, the figure per turn.
 */
final class EventfdEpollBench {
    private EventfdEpollBench() {}

    static boolean run(String name) {
        long e = LinuxEvents.eventfd2(0, 0);
        long ep = LinuxEvents.epoll_create1(0);
        if (e < 0 || ep < 0) {
            return Measurement.failed(name, "eventfd2 or epoll_create1: " + Errno.describe(e < 0 ? e : ep));
        }
        LinuxEvents.epoll_ctl((int) ep, LinuxEvents.EPOLL_CTL_ADD, (int) e, LinuxEvents.event(LinuxEvents.EPOLLIN, 1));
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        byte[] one = {1, 0, 0, 0, 0, 0, 0, 0};
        byte[] taken = new byte[8];
        boolean ok = Measurement.report(name, "turn", 1, rounds -> {
            for (long i = 0; i < rounds; i++) {
                Linux.write((int) e, one, 0, 8);
                if (LinuxEvents.epoll_pwait((int) ep, out, 1, 0, null) != 1) {
                    return "epoll_pwait did not report the eventfd";
                }
                Linux.read((int) e, taken, 0, 8);
            }
            return null;
        });
        Linux.close((int) ep);
        Linux.close((int) e);
        return ok;
    }
}
