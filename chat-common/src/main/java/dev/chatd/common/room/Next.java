package dev.chatd.common.room;

/** What a connection does after one of its user's lines was handled. */
public enum Next {
    /** Read the next line. */
    CONTINUE,
    /** The user quit: flush what is owed, then close. */
    CLOSE,
    /**
     * Not handled yet: the line takes the user out of their room ({@code /join}, {@code /quit})
     * while their own last lines are still on their way back (a cluster's). Read nothing more;
     * once {@link User#whenOwnEventsSettled} completes, hand the same line to
     * {@link User#handle} again, on the connection's own thread.
     */
    SETTLE
}
