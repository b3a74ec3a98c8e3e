package dev.chatd.bench;

/**
 * The messages of a run, as every user needs to know them.
 *
 * @param timeBase  the {@link System#nanoTime()} origin of message timestamps, shared by all
 * @param senders   how many users send (their messages are checked); 0 for none
 * @param textBytes size of each message's text
 */
record Traffic(long timeBase, int senders, int textBytes) {

    /** A run in which nobody sends. */
    static Traffic none(long timeBase) {
        return new Traffic(timeBase, 0, 0);
    }
}
