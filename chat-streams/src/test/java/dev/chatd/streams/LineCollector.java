package dev.chatd.streams;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a {@link LineReader} always reading, as a session does, and records what it returns:
 * lines, {@link #END} at EOF, and failures (an over-long line is recorded and reading goes on).
 */
final class LineCollector {

    static final Object END = new Object() {
        @Override
        public String toString() {
            return "END";
        }
    };

    private final BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> finished;

    LineCollector(LineReader reader) {
        finished = Loops.loop(() -> reader.readLine().handle((line, failure) -> {
            if (failure != null) {
                outcomes.add(failure);
                return failure instanceof LineTooLongException ? Optional.<Boolean>empty() : Optional.of(true);
            }
            outcomes.add(line == null ? END : line);
            return line == null ? Optional.of(true) : Optional.<Boolean>empty();
        })).thenApply(ended -> null);
    }

    /** The next outcome; fails the test after a few seconds without one. */
    Object next() throws InterruptedException {
        Object next = outcomes.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no line within 10 s");
        }
        return next;
    }

    CompletableFuture<Void> finished() {
        return finished;
    }
}
