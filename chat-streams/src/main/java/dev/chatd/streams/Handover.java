package dev.chatd.streams;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who carries on after one asynchronous channel operation: the call that issued it, or its
 * completion handler. Whichever of the two finishes second does, so an operation the channel
 * completes inline (its handler runs inside the issuing call) is continued by the issuer's loop
 * instead of one stack level deeper.
 *
 * <p>Why: the JDK runs a completion inline when the operation finishes at once and the calling
 * thread is one of the channel group's, up to {@code sun.nio.ch.maxCompletionHandlersOnStack}
 * completions per pool task, and hands the rest to another pool thread. The streams server lifts
 * that cap (see {@link StreamsServerMain}) so that a writer's completions stay on its thread; a
 * handler that issued the next write itself would then nest once per write, for as long as the
 * kernel keeps taking them at once, until the stack overflowed. (Reads have their own loop in
 * {@link LineReader}; the JDK always hands an accept's completion to the pool.)
 *
 * <p>Use, for one operation at a time: {@link #issuing()}, issue the operation, then
 * {@link #returned()}: true means the handler has already run, so the issuer goes on. The handler
 * does its accounting and then asks {@link #arrived()}: true means the issuer has returned, so the
 * handler goes on.
 */
final class Handover {

    private static final int ISSUING = 0;
    private static final int RETURNED = 1;
    private static final int ARRIVED = 2;

    private final AtomicInteger state = new AtomicInteger(RETURNED);

    /** Before issuing the operation. */
    void issuing() {
        state.set(ISSUING);
    }

    /** After the issuing call returned: true if the handler has run already, and the issuer carries on. */
    boolean returned() {
        return !state.compareAndSet(ISSUING, RETURNED);
    }

    /** In the handler: true if the issuing call has returned, and the handler carries on. */
    boolean arrived() {
        return !state.compareAndSet(ISSUING, ARRIVED);
    }
}
