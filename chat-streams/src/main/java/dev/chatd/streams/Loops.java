package dev.chatd.streams;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The asynchronous {@code while} loop both of a session's loops are written with.
 *
 * <p>Why not plain recursion ({@code step().thenCompose(r -> again())}): when the steps are
 * already complete, as they are for lines a client pasted in one go, every iteration would add
 * stack frames (and a dependent future) until the thread overflowed. {@link #loop} instead runs
 * steps one after another in a plain {@code while} as long as they come back complete, and only
 * when one is still pending does it return and let that step's completion resume the loop.
 */
public final class Loops {

    private Loops() {
    }

    /**
     * Runs {@code body} again and again, each time after the previous step completed, until a step
     * completes with a value. Returns that value; or fails with the first step that failed (or the
     * exception {@code body} threw). An empty step means "go round again".
     */
    public static <T> CompletableFuture<T> loop(Supplier<CompletableFuture<Optional<T>>> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        new Iteration<>(body, result).resume(null);
        return result;
    }

    /** One running loop. */
    private static final class Iteration<T> {
        private final Supplier<CompletableFuture<Optional<T>>> body;
        private final CompletableFuture<T> result;

        Iteration(Supplier<CompletableFuture<Optional<T>>> body, CompletableFuture<T> result) {
            this.body = body;
            this.result = result;
        }

        /** Carries on from {@code done}, a completed step (null at the start). */
        void resume(CompletableFuture<Optional<T>> done) {
            CompletableFuture<Optional<T>> step = done;
            while (true) {
                if (step != null && finished(step)) {
                    return;
                }
                try {
                    step = body.get();
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                    return;
                }
                if (!step.isDone()) {
                    // The step may complete while the callback is being registered, and the callback
                    // would then run right here, one level deeper. Whoever comes second carries on:
                    // this thread if the callback already ran, else the callback.
                    AtomicBoolean oneArrived = new AtomicBoolean();
                    CompletableFuture<Optional<T>> pending = step;
                    pending.whenComplete((value, failure) -> {
                        if (!oneArrived.compareAndSet(false, true)) {
                            resume(pending);
                        }
                    });
                    if (oneArrived.compareAndSet(false, true)) {
                        return;
                    }
                }
            }
        }

        /** Completes the result if {@code step} ended the loop; false means go round again. */
        private boolean finished(CompletableFuture<Optional<T>> step) {
            Optional<T> value;
            try {
                value = step.join();
            } catch (CompletionException e) {
                result.completeExceptionally(e.getCause() != null ? e.getCause() : e);
                return true;
            } catch (CancellationException e) {
                result.completeExceptionally(e);
                return true;
            }
            if (value.isEmpty()) {
                return false;
            }
            result.complete(value.get());
            return true;
        }
    }
}
