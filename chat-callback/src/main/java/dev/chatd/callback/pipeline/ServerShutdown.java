package dev.chatd.callback.pipeline;

/**
 * The user event the server fires into every connection's pipeline when it stops, once the hub
 * has queued {@code * server shutting down} for everyone: write what is queued, then close,
 * bounded by the shutdown grace.
 */
public enum ServerShutdown {
    /** Write what is queued, then close. */
    FLUSH_AND_CLOSE
}
