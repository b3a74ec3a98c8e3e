package dev.chatd.common.room;

/** What became of a line typed at the {@code Username: } prompt. */
public sealed interface Login {

    /** The name was taken by this connection; it is now a user in {@code #lobby}. */
    record Accepted(User user) implements Login {}

    /** Not accepted: send {@code reply} (any error line, then the prompt again) and read another line. */
    record Retry(byte[] reply) implements Login {}
}
