package dev.chatd.reliability;

/** What an input path makes of the input, besides text lines (which are plain Strings in the lists compared). */
enum Decoded {
    /** A line passed the limit and is being discarded. */
    LINE_TOO_LONG
}
