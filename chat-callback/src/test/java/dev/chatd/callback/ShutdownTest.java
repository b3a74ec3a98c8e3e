package dev.chatd.callback;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: everyone hears it, everything owed is flushed, and it never takes longer than the grace. */
class ShutdownTest {

    private CallbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(); // a second close does nothing
        }
    }

    @Test
    void everyoneGetsTheNoticeLastAndIsDisconnected() throws Exception {
        server = CallbackServer.start(ChatConfig.forTests());
        try (LineClient alice = LineClient.login(server.address(), "alice");
             LineClient bob = LineClient.login(server.address(), "bob");
             LineClient atPrompt = LineClient.connect(server.address())) {
            alice.expectLine("* bob joined #lobby");
            atPrompt.expectLine("Welcome to chatd");
            atPrompt.expectPrompt();

            long start = System.nanoTime();
            server.close();
            long millis = (System.nanoTime() - start) / 1_000_000;

            atPrompt.expectLine(""); // the prompt has no line end: the notice starts on a fresh line
            for (LineClient client : new LineClient[] {alice, bob, atPrompt}) {
                client.expectLine("* server shutting down");
                assertTrue(client.atEof());
            }
            // Nothing was stuck, so close() did not wait for the 5 s grace.
            assertTrue(millis < 3_000, "close took " + millis + " ms");
        }
    }

    @Test
    void aClientThatDoesNotReadHoldsShutdownUpOnlyForTheGrace() throws Exception {
        Duration grace = Duration.ofMillis(500);
        server = CallbackServer.start(ChatConfig.forTests()
                .withShutdownGrace(grace)
                .withOutputLimitBytes(64L * 1024 * 1024));
        try (LineClient stuck = LineClient.connect(server.address(), 4096);
             LineClient fast = LineClient.login(server.address(), "fast")) {
            stuck.expectLine("Welcome to chatd");
            stuck.expectPrompt();
            stuck.send("stuck"); // and never reads again
            BackgroundReader fastReads = new BackgroundReader(fast);
            fastReads.skipUntil("* stuck joined #lobby");
            // More than the kernel buffers between server and the stuck client can hold.
            String line = "y".repeat(4000);
            for (int i = 0; i < 3000; i++) {
                fast.send(line);
            }
            fast.send("done");
            fastReads.skipUntil("fast: done");

            long start = System.nanoTime();
            server.close();
            long millis = (System.nanoTime() - start) / 1_000_000;

            fastReads.skipUntil("* server shutting down");
            assertTrue(millis >= grace.toMillis() - 100, "close did not wait for the stuck client: " + millis + " ms");
            assertTrue(millis < grace.toMillis() + 2_000, "close took " + millis + " ms");
        }
    }
}
