package dev.chatd.bench;

/**
 * A run that cannot start or go on because of how it was asked for or where it points: bad flags,
 * a refused target, too few file descriptors, a server that turns users away. The message is
 * meant for the person at the terminal; the process exits with code 2.
 */
public final class SetupException extends Exception {

    public SetupException(String message) {
        super(message);
    }
}
