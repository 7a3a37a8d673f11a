package lichen.kernel.socket.unix;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.kernel.socket.Socket;
import lichen.kernel.socket.SocketFamilies;
import lichen.kernel.socket.SocketFamily;
import lichen.libkernel.Errno;

/**
 * AF_UNIX (unix(7)): SOCK_STREAM, SOCK_SEQPACKET, and SOCK_DGRAM (which
 * SOCK_RAW also makes, as Linux's unix_create does). The protocol must be 0
 * or PF_UNIX.
 */
public final class UnixFamily implements SocketFamily {
    @Override
    @Async
    public Result<Socket> create(int type, int protocol) {
        if (protocol != 0 && protocol != SocketFamilies.AF_UNIX) return Result.err(-Errno.EPROTONOSUPPORT);
        return switch (type) {
            case Socket.SOCK_STREAM, Socket.SOCK_SEQPACKET -> Result.ok(new UnixStream(type));
            case Socket.SOCK_DGRAM, Socket.SOCK_RAW -> Result.ok(new UnixDatagram());
            default -> Result.err(-Errno.ESOCKTNOSUPPORT);
        };
    }

    /** socketpair(2): two sockets of one type, connected, each with the caller's credentials as its peer's. */
    @Override
    @Async
    public int pair(int type, int protocol, Socket[] pair) {
        Result<Socket> a = create(type, protocol);
        if (!a.ok()) return a.error;
        Result<Socket> b = create(type, protocol);
        if (a.value instanceof UnixStream s) UnixStream.pair(s, (UnixStream) b.value);
        else UnixDatagram.pair((UnixDatagram) a.value, (UnixDatagram) b.value);
        pair[0] = a.value;
        pair[1] = b.value;
        return 0;
    }
}
