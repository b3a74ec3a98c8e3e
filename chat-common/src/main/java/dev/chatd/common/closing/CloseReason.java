package dev.chatd.common.closing;

import dev.chatd.common.room.LeaveReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Why one connection is ending: the first reason recorded wins, whichever thread records it.
 *
 * <p>Why first wins: the cause of an ending is recorded before its effects. A slow reader is
 * recorded {@code too slow} and then closed, and the close then fails its pending read as if the
 * peer had gone; a server shutdown races a reset. The later, derived reason must not overwrite
 * the real one.
 *
 * <p>Thread-safe and lock-free; one per connection (a single volatile field, so 10,000 idle
 * connections pay no extra object each).
 */
public final class CloseReason {

    private static final VarHandle FIRST;

    static {
        try {
            FIRST = MethodHandles.lookup().findVarHandle(CloseReason.class, "first", LeaveReason.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile LeaveReason first;

    /** Records {@code reason} unless one is recorded already; true if this call recorded it. */
    public boolean record(LeaveReason reason) {
        return first == null && FIRST.compareAndSet(this, null, reason);
    }

    /**
     * Records what {@code thrown} means for the room (see {@link Failure#of}) unless a reason is
     * recorded already, and returns the kind of failure, for the log.
     */
    public Failure recordFailure(Throwable thrown) {
        Failure failure = Failure.of(thrown);
        record(failure.leaveReason());
        return failure;
    }

    /** True once a reason is recorded. */
    public boolean isRecorded() {
        return first != null;
    }

    /** The reason recorded first, or {@code fallback} when none was. */
    public LeaveReason orElse(LeaveReason fallback) {
        LeaveReason reason = first;
        return reason == null ? fallback : reason;
    }

    @Override
    public String toString() {
        return String.valueOf(first);
    }
}
