package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.common.room.ChatHub;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The login timeout ({@code --login-timeout}): a connection that never gives a name is told
 * {@code ! login timed out} and closed, and, never having had a name, leaves no trace; a user who
 * logged in in time is never timed out.
 */
public abstract class LoginTimeoutContract extends ServerContract {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    public void silentConnectionIsClosedAfterTheLoginTimeoutWithoutATrace() {
        startServer(config().withLoginTimeout(TIMEOUT));
        FakeUser observer = login("observer");
        FakeUser silent = connectToPrompt();
        silent.sendWithoutLineEnd("ali"); // half a name: the notice must not land on its line
        silent.awaitClosed();
        assertEquals("Welcome to chatd\r\nUsername: \r\n! login timed out\r\n", silent.text());

        observer.send("/who");
        observer.expectNext("* users in #lobby: observer"); // no join, no leave, nothing in between
        ChatHub hub = server().hub();
        Awaitility.await().atMost(FakeUser.TIMEOUT).untilAsserted(() -> assertEquals(1, hub.connectionCount()));
    }

    @Test
    public void connectionTypingOnlyBadNamesIsTimedOutToo() {
        startServer(config().withLoginTimeout(TIMEOUT));
        FakeUser typist = connectToPrompt();
        typist.send("not a name");
        typist.expectNext(INVALID_NAME);
        typist.awaitLine("! login timed out");
        typist.awaitClosed();
    }

    @Test
    public void userWhoLoggedInInTimeIsNeverTimedOut() {
        startServer(config().withLoginTimeout(TIMEOUT));
        FakeUser alice = login("alice");
        alice.expectSilenceFor(TIMEOUT.multipliedBy(3));
        alice.send("still here");
        alice.expectNext("alice: still here");
    }

    @Test
    public void zeroMeansNoLoginTimeout() {
        startServer(config().withLoginTimeout(Duration.ZERO));
        FakeUser slow = connectToPrompt();
        slow.expectSilenceFor(TIMEOUT.multipliedBy(2));
        slow.send("slowpoke");
        slow.awaitLine("* slowpoke joined #lobby");
    }
}
