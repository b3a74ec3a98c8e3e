package dev.chatd.common.room;

/** What a connection does after one of its user's lines was handled. */
public enum Next {
    /** Read the next line. */
    CONTINUE,
    /** The user quit: flush what is owed, then close. */
    CLOSE
}
