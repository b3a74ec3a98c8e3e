package dev.chatd.common.server;

import dev.chatd.common.room.ChatHub;
import java.net.InetSocketAddress;

/**
 * A running chat server, whichever transport it is built on. Main classes and tests hold this
 * and nothing transport-specific.
 */
public interface ChatServer extends AutoCloseable {

    /** The address the chat port is bound to; its port is the real one when 0 was configured. */
    InetSocketAddress address();

    /** The room model this server drives; its metrics and gauges are what /metrics shows. */
    ChatHub hub();

    /** The port of the chat listener. */
    default int port() {
        return address().getPort();
    }

    /**
     * Shuts down as docs/protocol.md says: stop accepting, send every connection
     * {@code * server shutting down}, flush within the configured grace, close everything and
     * release the threads. Blocks until done; calling it again does nothing.
     */
    @Override
    void close();
}
