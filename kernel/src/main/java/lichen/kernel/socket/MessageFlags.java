package lichen.kernel.socket;

/** The MSG_ flags of send(2) and recv(2) (include/linux/socket.h). */
public final class MessageFlags {
    private MessageFlags() {}

    public static final int MSG_OOB = 0x1, MSG_PEEK = 0x2, MSG_DONTROUTE = 0x4, MSG_CTRUNC = 0x8, MSG_TRUNC = 0x20,
            MSG_DONTWAIT = 0x40, MSG_EOR = 0x80, MSG_WAITALL = 0x100, MSG_NOSIGNAL = 0x4000, MSG_MORE = 0x8000,
            MSG_WAITFORONE = 0x10000, MSG_CMSG_CLOEXEC = 0x40000000;
}
