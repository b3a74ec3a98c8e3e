package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.room.ChatHub;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Faults a server must ride out without losing anything for anyone else: a reset in the middle of
 * a large write, writes racing closes, and an accept storm.
 */
public abstract class FaultContract extends ServerContract {

    private static final String KILOBYTE = "x".repeat(1000);

    @Test
    public void resetInTheMiddleOfALargeWriteOnlyEndsThatConnection() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        bob.pauseReading();
        // About 300 kB for bob: far more than the kernel takes at once, well under the output limit.
        for (int i = 0; i < 300; i++) {
            alice.send(i + " " + KILOBYTE);
        }
        alice.awaitLineStartingWith("alice: 299 ");
        bob.abort();
        alice.expectNext("* bob left #lobby (connection closed)");
        alice.send("still here");
        alice.expectNext("alice: still here");
        awaitGauges(1, 1);
    }

    @Test
    public void writesRacingClosesLoseNothingForThoseWhoStay() throws Exception {
        List<FakeUser> stayers = loginAll("observer", "talker1", "talker2");
        FakeUser observer = stayers.get(0);
        int linesEach = 300;
        List<Thread> talkers = new ArrayList<>();
        for (FakeUser talker : stayers.subList(1, 3)) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < linesEach; i++) {
                    talker.send(talker.label() + " " + i);
                }
            }, "talker " + talker.label());
            thread.start();
            talkers.add(thread);
        }
        int leavers = 40;
        for (int i = 0; i < leavers; i++) {
            FakeUser leaver = login("leaver" + i);
            if (i % 2 == 0) {
                leaver.abort();
            } else {
                leaver.close();
            }
        }
        for (Thread thread : talkers) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(!thread.isAlive(), "talker still sending");
        }
        observer.awaitLine("talker1: talker1 " + (linesEach - 1));
        observer.awaitReceived("talker2: talker2 " + (linesEach - 1));
        for (int i = 0; i < leavers; i++) {
            observer.awaitReceived("* leaver" + i + " left #lobby (connection closed)");
        }
        List<String> seen = observer.lines();
        for (String talker : List.of("talker1", "talker2")) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < linesEach; i++) {
                expected.add(talker + ": " + talker + " " + i);
            }
            assertSameLines(talker + "'s lines at the observer", expected,
                    seen.stream().filter(line -> line.startsWith(talker + ": ")).toList());
        }
        for (int i = 0; i < leavers; i++) {
            String leave = "* leaver" + i + " left #lobby";
            assertEquals(1, seen.stream().filter(line -> line.startsWith(leave + " ")).count(),
                    "leaver" + i + " left once");
        }
        awaitGauges(3, 3);
    }

    @Test
    public void acceptStormOfFiveThousandConnectionsIsServedAndCleanedUp() throws IOException {
        int storm = 5000;
        try (AcceptStorm connections = new AcceptStorm(address(), storm)) {
            // How fast the connections opened is the machine's, not the server's: it goes into the
            // message, and only the counts are asserted.
            assertEquals(storm, connections.awaitWelcomes(Duration.ofSeconds(45)),
                    "connections welcomed (all " + storm + " opened in " + connections.openTime() + ")");
            FakeUser during = login("during");
            during.send("/who");
            during.expectNext("* users in #lobby: during");
        }
        awaitGauges(1, 1);
        FakeUser after = login("after");
        after.send("/rooms");
        after.expectNext("* rooms: #lobby (2)");
    }

    /** Waits until the hub holds exactly these users and connections, and only {@code #lobby}. */
    private void awaitGauges(int users, int connections) {
        ChatHub hub = server().hub();
        Awaitility.await("hub gauges").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(users, hub.userCount(), "users");
            assertEquals(connections, hub.connectionCount(), "connections");
            assertEquals(1, hub.roomCount(), "rooms");
        });
    }
}
