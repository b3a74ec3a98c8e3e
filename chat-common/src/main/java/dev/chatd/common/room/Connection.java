package dev.chatd.common.room;

import dev.chatd.common.output.OutputQueue;

/**
 * What the room model needs of a transport's connection: somewhere to put bytes. Each server
 * implements it once (a Netty channel, an NIO.2 socket writer).
 */
public interface Connection {

    /**
     * Queues {@code line} (a whole rendered line or prompt) for sending after everything queued
     * before it. Called from any thread, often under a room's lock, so it must never block, call
     * back into the room model, or close the connection inline: a connection that is over its
     * output limit drops the line and arranges its own close (reason {@link LeaveReason#TOO_SLOW}).
     */
    void send(byte[] line);

    /**
     * Queues {@code line} as the connection's last: it goes out after everything queued before
     * it, and everything sent after it, from any thread, is dropped. The shutdown notice goes this
     * way, which is what makes it the last line by construction. Same threading rules as
     * {@link #send}.
     */
    void sendLast(byte[] line);

    /** The peer, for logs. */
    String remote();

    /*
     * What the output budget's last resort needs (dev.chatd.common.output.OutputBudget). Both
     * transports implement all three; the defaults are for test doubles that hold no output.
     */

    /** Bytes queued or with the transport that the kernel has not taken yet. */
    default long unsentBytes() {
        return 0;
    }

    /** True while the kernel refuses part of this connection's output: its reader is behind. */
    default boolean readerBehind() {
        return false;
    }

    /**
     * Closes the connection as {@link LeaveReason#TOO_SLOW}, as passing its own output limit would:
     * the output budget's last resort ({@link dev.chatd.common.output.OutputBudget}). Any thread,
     * never inline: the close happens on the connection's own thread.
     */
    default void cutAsTooSlow() {
    }

    /**
     * The connection's output queue, whose room lines then come through the rooms' logs when it
     * {@link OutputQueue#readsRoomLogs reads them}; null (test doubles) to get each line by {@link #send}.
     */
    default OutputQueue output() {
        return null;
    }
}
