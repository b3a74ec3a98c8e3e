package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * docs/protocol.md on connections that end other than by {@code /quit}: the room is told, with a
 * reason, and a half-closed connection still gets what the server owes it.
 */
public abstract class DisconnectContract extends ServerContract {

    @Test
    public void closedConnectionIsAnnouncedWithAReason() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).close();
        expectLeaveWithReason(users.get(1), "alice", "lobby");
        users.get(1).expectNothingElse();
    }

    @Test
    public void resetConnectionIsAnnouncedWithAReason() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).abort();
        expectLeaveWithReason(users.get(1), "alice", "lobby");
        users.get(1).expectNothingElse();
    }

    /**
     * docs/protocol.md: the peer going away, by FIN or by reset, is {@code (connection closed)};
     * {@code (error)} is kept for I/O errors of other kinds (see {@code Failure} in chat-common).
     */
    @Test
    public void finAndResetAreBothConnectionClosed() {
        List<FakeUser> users = loginAll("alice", "bob", "carol");
        FakeUser carol = users.get(2);
        users.get(0).close();
        carol.expectNext("* alice left #lobby (connection closed)");
        users.get(1).sendWithoutLineEnd("typed, never sent"); // a reset with unread input: the read fails with ECONNRESET
        users.get(1).abort();
        carol.expectNext("* bob left #lobby (connection closed)");
        carol.expectNothingElse();
    }

    @Test
    public void halfClosedConnectionStillGetsWhatItIsOwed() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        alice.send("/who");
        alice.shutdownOutput();
        alice.expectNext("* users in #lobby: alice, bob");
        alice.expectClosed();
        expectLeaveWithReason(users.get(1), "alice", "lobby");
    }

    @Test
    public void halfClosedConnectionGetsEveryOwedLineInOrder() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        StringBuilder burst = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            burst.append("m").append(i).append("\r\n");
            expected.add("alice: m" + i);
        }
        alice.sendWithoutLineEnd(burst + "/who\r\n");
        alice.shutdownOutput();
        assertSameLines("alice", expected, alice.nextLines(expected.size()));
        alice.expectNext("* users in #lobby: alice, bob");
        alice.expectClosed();
        assertSameLines("bob", expected, bob.nextLines(expected.size()));
        expectLeaveWithReason(bob, "alice", "lobby");
    }

    /**
     * The end of input with far more owed than the kernel holds: the server must go on writing
     * after the input has ended, waiting for the socket to take more each time, and close only
     * once everything is out. Alice's own last line comes back through the room's order, after
     * bob's, so on a cluster her leave also waits for it (and with it for everything before it).
     */
    @Test
    public void halfClosedConnectionWithALargeBacklogGetsAllOfItBeforeTheClose() {
        // 8 MB for alice: on loopback the server's send buffer alone grows to a few MB while she
        // reads nothing, so most of it has to wait in the server. The limit is raised to let it.
        startServer(config().withOutputLimitBytes(32L << 20));
        FakeUser alice = connect(4096);
        alice.login("alice");
        FakeUser bob = login("bob");
        alice.awaitLine("* bob joined #lobby");
        alice.skipReceived();
        alice.pauseReading();

        String filler = "y".repeat(4000);
        List<String> expected = new ArrayList<>();
        for (int batch = 0; batch < 100; batch++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                String text = expected.size() + " " + filler;
                expected.add("bob: " + text);
                lines.append(text).append("\r\n");
            }
            bob.sendWithoutLineEnd(lines.toString());
            bob.awaitLine(expected.get(expected.size() - 1));
        }
        alice.send("last");
        alice.shutdownOutput();
        expected.add("alice: last");
        alice.resumeReading();

        assertSameLines("alice got every owed line", expected, alice.nextLines(expected.size()));
        alice.expectClosed();
        bob.awaitLine("alice: last");
        expectLeaveWithReason(bob, "alice", "lobby");
    }

    /** Choice (lead): at the end of input an unterminated last line still counts. */
    @Test
    public void unterminatedLastLineCountsAtEndOfInput() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        alice.sendWithoutLineEnd("last words");
        alice.shutdownOutput();
        alice.expectNext("alice: last words");
        alice.expectClosed();
        users.get(1).expectNext("alice: last words");
        users.get(1).expectNext("* alice left #lobby (connection closed)"); // docs/protocol.md: the reason for EOF
    }

    @Test
    public void leaveIsAnnouncedOnlyInTheRoomTheUserWasIn() {
        List<FakeUser> users = loginAll("alice", "bob", "carol");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        join(alice, "dev");
        join(bob, "dev");
        users.get(2).awaitLine("* bob left #lobby");
        alice.awaitLine("* bob joined #dev");

        alice.close();
        expectLeaveWithReason(bob, "alice", "dev");
        users.get(2).expectNothingElse();
    }

    @Test
    public void nameIsFreeAgainAfterADisconnect() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser bob = users.get(1);
        users.get(0).abort();
        expectLeaveWithReason(bob, "alice", "lobby");
        bob.send("/msg alice still there?");
        bob.expectNext("! no such user: alice");
        assertEquals("* users in #lobby: ALICE, bob", connect().login("ALICE"));
        bob.expectNext("* ALICE joined #lobby");
    }

    /**
     * Clients match the prefix {@code * alice left #room}; the reason in parentheses must be
     * there, and it must not be empty.
     */
    static void expectLeaveWithReason(FakeUser observer, String name, String room) {
        String line = observer.nextLine();
        Pattern withReason = Pattern.compile(Pattern.quote("* " + name + " left #" + room) + " \\(.+\\)");
        if (!withReason.matcher(line).matches()) {
            throw new AssertionFailedError(observer.label() + ": expected <* " + name + " left #" + room
                    + " (<reason>)> but was <" + Visible.of(line) + ">\n" + observer.describe());
        }
    }
}
