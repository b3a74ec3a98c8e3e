package dev.chatd.common.wire;

/**
 * What a client's telnet commands ask of the server, in the order they came with the input
 * ({@link TelnetFilter}). The server acts on each at the point of the input where it stood: after
 * every line before it has been handled, before any line after it.
 */
public sealed interface TelnetEvent {

    /**
     * Negotiation bytes to send back ({@code WILL TIMING-MARK}, {@code DO BINARY}, a refusal):
     * they go out in the connection's ordered output, after everything owed for the input before.
     */
    record Reply(byte[] bytes) implements TelnetEvent {}

    /** {@code IAC AYT}: the client asks whether the server is still there. */
    record AreYouThere() implements TelnetEvent {}

    /** The one {@link AreYouThere}: it carries nothing. */
    TelnetEvent ARE_YOU_THERE = new AreYouThere();
}
