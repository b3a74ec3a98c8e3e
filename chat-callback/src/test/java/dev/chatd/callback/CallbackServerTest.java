package dev.chatd.callback;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.ServerContract;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What only the callback server has: a choice of socket layer under the pipeline. The contract
 * suite runs on {@link Transport#best()} (epoll on Linux) and again on io_uring (the pom); this
 * runs each transport, NIO included.
 */
class CallbackServerTest extends ServerContract {

    private Transport transport;

    @Override
    protected ChatServerFactory serverFactory() {
        return config -> CallbackServer.start(config, transport);
    }

    /** Paced reads, the end of input, a last line without a line end and the close: on each transport. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void linesHeldByThrottlingAreHandledBeforeTheEof(Transport transport) {
        assumeTrue(transport.isAvailable(), () -> transport.flagValue() + " is not available here: "
                + transport.unavailability().map(Throwable::toString).orElse(""));
        this.transport = transport;
        startServer(config().withRateLimit(10).withRateBurst(1));
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        alice.sendWithoutLineEnd("1\n2\n3\n4\n5"); // throttled, the last line unterminated, then EOF
        alice.shutdownOutput();
        for (int i = 1; i <= 5; i++) {
            alice.expectNext("alice: " + i);
            bob.expectNext("alice: " + i);
        }
        bob.expectNext("* alice left #lobby (connection closed)");
        alice.expectClosed();
    }
}
