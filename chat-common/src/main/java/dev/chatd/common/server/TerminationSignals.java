package dev.chatd.common.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a completed future instead of the JVM's default, which
 * runs the shutdown hooks and then exits with 143 or 130: docs/protocol.md promises exit code 0 after
 * a graceful shutdown, so the main thread must stay in charge of the exit.
 *
 * <p>If a signal cannot be handled (a JVM run with {@code -Xrs}, or a runtime image without the
 * {@code jdk.unsupported} module), a shutdown hook stands in: it requests the stop and then holds
 * the JVM's shutdown until {@link #close()} says the server is closed. The exit code is then the
 * JVM's, not ours, but users still get a graceful shutdown.
 *
 * <p>Closing restores the handlers that were there before.
 */
final class TerminationSignals implements AutoCloseable {

    static final List<String> TERMINATION_SIGNALS = List.of("TERM", "INT");

    private static final Logger log = LoggerFactory.getLogger(TerminationSignals.class);

    private final CompletableFuture<String> received = new CompletableFuture<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<Signal, SignalHandler> replaced = new LinkedHashMap<>();
    private Thread shutdownHook;

    private TerminationSignals() {
    }

    /** Handles SIGTERM and SIGINT until closed. */
    static TerminationSignals install() {
        return install(TERMINATION_SIGNALS);
    }

    /** Handles the named signals (names as in {@code kill -l}, without "SIG") until closed. */
    static TerminationSignals install(List<String> signalNames) {
        TerminationSignals signals = new TerminationSignals();
        boolean allHandled = true;
        for (String name : signalNames) {
            allHandled &= signals.handle(name);
        }
        if (!allHandled) {
            signals.shutdownHook = new Thread(signals::holdShutdownUntilClosed, "chatd-shutdown-hook");
            Runtime.getRuntime().addShutdownHook(signals.shutdownHook);
        }
        return signals;
    }

    /** Completes with what asked for the stop, e.g. {@code SIGTERM}; never fails. */
    CompletionStage<String> received() {
        return received;
    }

    /** The fallback hook, or null when every signal is handled; visible so tests can run it without exiting. */
    Thread shutdownHook() {
        return shutdownHook;
    }

    @Override
    public void close() {
        replaced.forEach(Signal::handle);
        replaced.clear();
        released.countDown();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownAlreadyRunning) {
                // Then the hook is running and was just released; nothing left to undo.
            }
        }
    }

    private boolean handle(String name) {
        try {
            Signal signal = new Signal(name);
            replaced.put(signal, Signal.handle(signal, s -> received.complete("SIG" + s.getName())));
            return true;
        } catch (IllegalArgumentException | LinkageError cannotHandle) {
            log.warn("cannot handle SIG{} ({}); a shutdown hook will close the server instead,"
                    + " and the exit code will be the JVM's", name, cannotHandle.toString());
            return false;
        }
    }

    private void holdShutdownUntilClosed() {
        received.complete("shutdown");
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
