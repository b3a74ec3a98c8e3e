package dev.chatd.common.room;

/** What became of a {@link NameRegistry#claim}: the name is the user's now, someone holds it, or no one can tell. */
public enum NameClaim {
    /** The name is the user's (or was already). */
    CLAIMED,
    /** Someone else holds a name with the same look-alike key. */
    TAKEN,
    /** A cluster node cut off from its store cannot tell: the user is told to try again later. */
    UNAVAILABLE
}
