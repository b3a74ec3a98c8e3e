package dev.chatd.streams;

/**
 * What {@link LineReader#readLine()} fails with when a line passed the limit. The line is being
 * discarded through its line end; the reader stays usable, and the next {@code readLine()} returns
 * the line after it.
 */
public final class LineTooLongException extends Exception {

    private final int maxLineBytes;

    public LineTooLongException(int maxLineBytes) {
        // No stack trace: this is an expected outcome a client can cause at will, not a bug.
        super("line too long (max " + maxLineBytes + " bytes)", null, false, false);
        this.maxLineBytes = maxLineBytes;
    }

    /** The limit the line passed. */
    public int maxLineBytes() {
        return maxLineBytes;
    }
}
