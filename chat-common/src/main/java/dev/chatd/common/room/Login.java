package dev.chatd.common.room;

/** What became of a line typed at the {@code Username: } prompt. */
public sealed interface Login {

    /** The name was taken by this connection; it is now a user in {@code #lobby}. */
    record Accepted(User user) implements Login {}

    /**
     * Not accepted: the connection has been told why and given the prompt again (or, once
     * shutdown has begun, nothing more); read another line.
     */
    record Retry() implements Login {}

    /** The one {@link Retry}: it carries nothing. */
    Login RETRY = new Retry();
}
