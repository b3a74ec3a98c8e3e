package dev.chatd.callback.pipeline;

/**
 * The user events the server fires into every connection's pipeline when it stops, in this order.
 * Two steps, so that no connection acts on input any more by the time the hub queues
 * {@code * server shutting down}: that notice is then the last line everyone gets.
 */
public enum ServerShutdown {
    /** Stop acting on what the client sends (it is still read, and dropped). */
    IGNORE_INPUT,
    /** Write what is queued, then close; bounded by the shutdown grace. */
    FLUSH_AND_CLOSE
}
