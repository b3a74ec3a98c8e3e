package dev.chatd.callback.pipeline;

/**
 * The message {@link LineFrameDecoder} sends up the pipeline in place of a line that passed the
 * limit: the client is to be told, and the line's bytes are already being discarded.
 */
public enum LineTooLong {
    INSTANCE
}
