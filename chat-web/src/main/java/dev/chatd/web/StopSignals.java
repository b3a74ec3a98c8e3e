package dev.chatd.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT as a completed future, so the main thread closes the gateway and exits 0,
 * as the servers do, instead of the JVM's default exit 143 or 130. chat-common's
 * {@code TerminationSignals} does this for the servers but is package-private there; this is the
 * small part the gateway needs (no stand-in hook: the gateway has no drain to protect).
 *
 * <p>Closing restores the handlers that were there before.
 */
final class StopSignals implements AutoCloseable {

    private final CompletableFuture<String> received = new CompletableFuture<>();
    private final Map<Signal, SignalHandler> replaced = new LinkedHashMap<>();

    private StopSignals() {
    }

    /** Handles SIGTERM and SIGINT until closed. */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal signal = new Signal(name);
            signals.replaced.put(signal, Signal.handle(signal, s -> signals.received.complete("SIG" + s.getName())));
        }
        return signals;
    }

    /** Completes with the signal's name, e.g. {@code SIGTERM}. */
    CompletionStage<String> received() {
        return received;
    }

    @Override
    public void close() {
        replaced.forEach(Signal::handle);
        replaced.clear();
    }
}
