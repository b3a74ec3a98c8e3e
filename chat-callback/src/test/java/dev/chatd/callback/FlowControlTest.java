package dev.chatd.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both directions of backpressure: slow readers are cut off, fast writers are slowed down. */
class FlowControlTest {

    private CallbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aReaderThatNeverReadsIsDisconnectedAsTooSlow() throws Exception {
        server = CallbackServer.start(ChatConfig.forTests().withOutputLimitBytes(64 * 1024));
        try (LineClient slow = LineClient.connect(server.address(), 4096);
             LineClient fast = LineClient.login(server.address(), "fast")) {
            slow.expectLine("Welcome to chatd");
            slow.expectPrompt();
            slow.send("slow"); // and never reads again
            BackgroundReader fastReads = new BackgroundReader(fast);
            fastReads.skipUntil("* slow joined #lobby");

            // Enough to fill the kernel's buffers on both sides, however large they grow, and then the limit.
            // In windows of 32 KB, each waited for, so that the sender's own copy never makes it too slow.
            String line = "x".repeat(1000);
            for (int window = 0; window < 1000 && server.hub().metrics().slowConsumerDisconnects() == 0; window++) {
                for (int i = 0; i < 31; i++) {
                    fast.send(line);
                }
                fast.send("window " + window);
                fastReads.skipUntil("fast: window " + window);
            }
            fastReads.skipUntil("* slow left #lobby (too slow)");
            assertEquals(1, server.hub().metrics().slowConsumerDisconnects());
            fast.send("/who");
            fastReads.skipUntil("* users in #lobby: fast");
        }
    }

    @Test
    void aFastWriterIsThrottledLosesNothingAndSlowsNobodyElse() throws IOException {
        server = CallbackServer.start(ChatConfig.forTests().withRateLimit(5).withRateBurst(2));
        try (LineClient alice = LineClient.login(server.address(), "alice");
             LineClient bob = LineClient.login(server.address(), "bob")) {
            alice.expectLine("* bob joined #lobby");
            long start = System.nanoTime();
            alice.sendRaw("1\n2\n3\n4\n5\n6\n7\n8\n".getBytes(StandardCharsets.US_ASCII));
            bob.send("not slowed");

            List<String> seen = new ArrayList<>();
            while (!seen.contains("alice: 8")) {
                seen.add(bob.readLine());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            seen.remove("bob: not slowed");
            assertEquals(List.of("alice: 1", "alice: 2", "alice: 3", "alice: 4", "alice: 5", "alice: 6",
                    "alice: 7", "alice: 8"), seen);
            // At most two tokens were left after the login: six or more lines waited 200 ms each.
            assertTrue(millis >= 1_000, "eight lines at 5/s took only " + millis + " ms");
            assertTrue(server.hub().metrics().throttledReads() >= 1);
        }
    }

    @Test
    void theNoticeOfAnotherUserIsNotHeldUpByAThrottledOne() throws IOException {
        server = CallbackServer.start(ChatConfig.forTests().withRateLimit(2).withRateBurst(1));
        try (LineClient alice = LineClient.login(server.address(), "alice");
             LineClient bob = LineClient.login(server.address(), "bob")) {
            alice.expectLine("* bob joined #lobby");
            alice.sendRaw("1\n2\n3\n4\n5\n6\n".getBytes(StandardCharsets.US_ASCII)); // about 3 s of tokens
            alice.expectLine("alice: 1");
            bob.send("meanwhile");
            // Bob's line is handled at once, while alice's next lines still wait.
            assertEquals("alice: 1", bob.readLine());
            assertEquals("bob: meanwhile", bob.readLine());
        }
    }

    @Test
    void linesHeldByThrottlingAreHandledBeforeTheEof() throws IOException {
        server = CallbackServer.start(ChatConfig.forTests().withRateLimit(10).withRateBurst(1));
        try (LineClient alice = LineClient.login(server.address(), "alice");
             LineClient bob = LineClient.login(server.address(), "bob")) {
            alice.expectLine("* bob joined #lobby");
            alice.sendRaw("1\n2\n3\n4\n5\n".getBytes(StandardCharsets.US_ASCII));
            alice.shutdownOutput();
            for (int i = 1; i <= 5; i++) {
                bob.expectLine("alice: " + i);
                alice.expectLine("alice: " + i);
            }
            bob.expectLine("* alice left #lobby (connection closed)");
            assertTrue(alice.atEof());
        }
    }
}
