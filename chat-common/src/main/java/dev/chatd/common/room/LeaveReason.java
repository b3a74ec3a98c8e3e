package dev.chatd.common.room;

/** Why a user left the server; the text is what the room sees in parentheses. */
public enum LeaveReason {
    /** {@code /quit}: the leave line shows no reason. */
    QUIT(null),
    /** EOF, half-close or reset by the peer. */
    CONNECTION_CLOSED("connection closed"),
    /** Unsent output passed the limit. */
    TOO_SLOW("too slow"),
    /** An I/O error other than the peer going away. */
    ERROR("error"),
    /**
     * The connection stayed at the name prompt past the login timeout. It never had a name, so no
     * room ever sees this; it is for the connection log.
     */
    LOGIN_TIMEOUT("login timeout"),
    /** A cluster node died without saying goodbye; another node announces its users so. */
    NODE_LOST("node lost"),
    /** The server is stopping; no leave line is broadcast then (a cluster's other nodes do announce it). */
    SHUTDOWN("server shutting down");

    private final String text;

    LeaveReason(String text) {
        this.text = text;
    }

    /** The reason as the room sees it, or null where the leave line shows none. */
    public String text() {
        return text;
    }
}
