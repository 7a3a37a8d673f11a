package lichen.net.tcp;

/** The connection states of RFC 9293 3.3.2 (Figure 5). */
public enum TcpState {
    CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT;

    /** States after the handshake in which our side may still send data. */
    public boolean canSend() { return this == ESTABLISHED || this == CLOSE_WAIT; }

    /** States in which the peer may still send us data. */
    public boolean canReceive() { return this == ESTABLISHED || this == FIN_WAIT_1 || this == FIN_WAIT_2; }

    /** Synchronized states (RFC 9293 3.5.2 group 3): both sequence spaces are known. */
    public boolean synchronizedState() { return ordinal() >= ESTABLISHED.ordinal(); }
}
