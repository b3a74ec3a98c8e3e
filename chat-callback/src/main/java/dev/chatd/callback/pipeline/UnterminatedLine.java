package dev.chatd.callback.pipeline;

/**
 * The last line of input when it ended with no line end (EOF or half-close mid-line), already
 * decoded. {@link ChatProtocolHandler} handles it as a line after login and ignores it at the
 * name prompt: half a name is no login attempt (docs/protocol.md).
 */
public record UnterminatedLine(String text) {}
