package dev.chatd.callback.pipeline;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/**
 * Tells a peer that went away (reset, broken pipe) from a real I/O error. The first is an ordinary
 * way for a chat connection to end and is logged quietly; the room sees "connection closed".
 */
final class PeerGone {

    private PeerGone() {
    }

    static boolean causedBy(Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            return true;
        }
        if (!(cause instanceof IOException) || cause.getMessage() == null) {
            return false;
        }
        // Both NIO's SocketException and the epoll transport's NativeIoException carry the errno text.
        String message = cause.getMessage();
        return message.contains("Connection reset") || message.contains("Broken pipe");
    }
}
