package lichen.kernel.socket;

import lichen.api.Async;
import lichen.fs.Result;

/** A protocol family (address family): AF_UNIX (socket/unix) and AF_INET (socket/inet). */
public interface SocketFamily {
    /** socket(2) of {@code type} (without the flag bits) and {@code protocol}: a new socket, or EPROTONOSUPPORT, ESOCKTNOSUPPORT... */
    @Async
    Result<Socket> create(int type, int protocol);

    /** socketpair(2): two sockets connected to each other in {@code pair}; 0, or -EOPNOTSUPP for a family without pairs. */
    @Async
    default int pair(int type, int protocol, Socket[] pair) {
        return -lichen.libkernel.Errno.EOPNOTSUPP;
    }
}
