package dev.chatd.callback;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.ServerContract;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown with a connection that cannot take its output: close() waits for it only as
 * long as the grace. (Everyone hearing the notice last, and a quick close when nothing is stuck,
 * is {@link dev.chatd.testkit.ShutdownContract}.)
 */
class ShutdownTest extends ServerContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return CallbackServer::start;
    }

    @Test
    void aClientThatDoesNotReadHoldsShutdownUpOnlyForTheGrace() {
        Duration grace = Duration.ofMillis(500);
        ChatServer server = startServer(config()
                .withShutdownGrace(grace)
                .withOutputLimitBytes(64L * 1024 * 1024));
        FakeUser fast = login("fast");
        FakeUser stuck = connect(4096);
        stuck.login("stuck");
        stuck.pauseReading(); // and never reads again
        fast.awaitLine("* stuck joined #lobby");
        // More than the kernel buffers between server and the stuck client can hold.
        String line = "y".repeat(4000);
        for (int i = 0; i < 3000; i++) {
            fast.send(line);
        }
        fast.send("done");
        fast.awaitLine("fast: done");

        long start = System.nanoTime();
        server.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        fast.awaitLine("* server shutting down");
        assertTrue(millis >= grace.toMillis() - 100, "close did not wait for the stuck client: " + millis + " ms");
        assertTrue(millis < grace.toMillis() + 2_000, "close took " + millis + " ms");
    }
}
