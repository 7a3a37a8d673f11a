package lichen.kernel.socket.inet;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.kernel.net.KernelNetwork;
import lichen.kernel.socket.Socket;
import lichen.kernel.socket.SocketFamily;
import lichen.libkernel.Errno;
import lichen.net.stack.NetStack;

/**
 * AF_INET (ip(7)) over the kernel's stack: SOCK_STREAM is TCP and
 * SOCK_DGRAM is UDP, the protocol 0 or that one's number (inet_create:
 * EPROTONOSUPPORT for another, ESOCKTNOSUPPORT for a type with no
 * protocol: SOCK_SEQPACKET, and SOCK_RAW, which is not done).
 */
public final class InetFamily implements SocketFamily {
    @Override
    @Async
    public Result<Socket> create(int type, int protocol) {
        NetStack stack = KernelNetwork.stack();
        switch (type) {
            case Socket.SOCK_STREAM -> {
                if (protocol != InetSocket.IPPROTO_IP && protocol != InetSocket.IPPROTO_TCP) return Result.err(-Errno.EPROTONOSUPPORT);
                return Result.ok(new InetStream(stack.tcp.open()));
            }
            case Socket.SOCK_DGRAM -> {
                if (protocol != InetSocket.IPPROTO_IP && protocol != InetSocket.IPPROTO_UDP) return Result.err(-Errno.EPROTONOSUPPORT);
                return Result.ok(new InetDatagram(stack.udp.open()));
            }
            default -> { return Result.err(-Errno.ESOCKTNOSUPPORT); }
        }
    }
}
