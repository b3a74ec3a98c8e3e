package dev.chatd.common.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signal wiring, tested in this JVM with SIGURG, which is harmless: its default is to be
 * ignored. SIGTERM and SIGINT themselves are tested in a child JVM by {@link SignalEndToEndTest}.
 */
class TerminationSignalsTest {

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aHandledSignalCompletesTheStopRequestAndCloseRestoresTheOldHandler() throws Exception {
        Signal urg = new Signal("URG");
        try (TerminationSignals signals = TerminationSignals.install(List.of("URG"))) {
            assertNull(signals.shutdownHook(), "no fallback needed");
            assertFalse(signals.received().toCompletableFuture().isDone());

            Signal.raise(urg);

            assertEquals("SIGURG", signals.received().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
        // Peek at the installed handler by swapping it out and back: it must no longer be ours.
        SignalHandler afterClose = Signal.handle(urg, SignalHandler.SIG_DFL);
        Signal.handle(urg, afterClose);
        assertFalse(afterClose.getClass().getName().contains("TerminationSignals"), afterClose.toString());
    }

    @Test
    void whenASignalCannotBeHandledAShutdownHookRequestsTheStopAndWaitsForClose() {
        TerminationSignals signals = TerminationSignals.install(List.of("NO_SUCH_SIGNAL"));
        Thread hook = signals.shutdownHook();
        assertNotNull(hook, "expected the shutdown hook fallback");

        // Run the hook's body as the JVM would at exit, without exiting.
        CompletableFuture<Void> hookRun = CompletableFuture.runAsync(hook::run);
        await().atMost(Duration.ofSeconds(10)).until(() -> signals.received().toCompletableFuture().isDone());
        assertEquals("shutdown", signals.received().toCompletableFuture().join());
        assertFalse(hookRun.isDone(), "the hook must hold the JVM until the server is closed");

        signals.close();

        hookRun.orTimeout(10, TimeUnit.SECONDS).join();
        assertFalse(Runtime.getRuntime().removeShutdownHook(hook), "close() should have removed the hook");
        assertTrue(hookRun.isDone());
    }
}
