package dev.chatd.common.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.wire.TelnetEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatHubTest {

    private final ChatHub hub = new ChatHub(ChatConfig.forTests().withMaxUsers(1000).withName("testd"),
            new ChatMetrics(), Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC));

    private User login(RecordingConnection c, String name) {
        assertTrue(hub.admit(c));
        return assertInstanceOf(Login.Accepted.class, hub.login(c, name)).user();
    }

    @Test
    void greetingIsWelcomeThenPromptWithoutLineEnd() {
        RecordingConnection c = new RecordingConnection();
        hub.admit(c);
        hub.greet(c);
        assertEquals("Welcome to testd\r\nUsername: ", c.raw());
    }

    // The prompt has no line end: what follows it while no line has come back starts on a fresh line.

    @Test
    void shutdownNoticeAtTheBarePromptStartsOnAFreshLine() {
        RecordingConnection c = greeted();
        hub.shutdown();
        assertEquals("Welcome to testd\r\nUsername: \r\n* server shutting down\r\n", c.raw());
    }

    @Test
    void loginTimeoutAfterHalfANameStartsOnAFreshLine() {
        RecordingConnection c = greeted();
        hub.loginTimedOut(c);
        assertEquals("Welcome to testd\r\nUsername: \r\n! login timed out\r\n", c.raw());
    }

    @Test
    void repliesToALineNeedNoFreshLineTheUsersEnterGaveOne() {
        RecordingConnection c = greeted();
        assertInstanceOf(Login.Retry.class, hub.login(c, "no spaces"));
        assertInstanceOf(Login.Retry.class, hub.login(c, ""));
        hub.shutdown();
        assertEquals("Welcome to testd\r\nUsername: ! invalid name: use 1-32 letters, digits, '_' or '-'\r\n"
                + "Username: Username: \r\n* server shutting down\r\n", c.raw());
    }

    @Test
    void overLongLineAtThePromptIsToldOnAFreshLineWithThePromptAgain() {
        RecordingConnection c = greeted();
        hub.lineTooLongAtPrompt(c);
        hub.lineTooLongAtPrompt(c);
        String error = "! line too long (max " + hub.config().maxLineBytes() + " bytes)\r\nUsername: ";
        assertEquals("Welcome to testd\r\nUsername: \r\n" + error + "\r\n" + error, c.raw());
    }

    @Test
    void areYouThereIsAnsweredAtThePromptAndAfterLogin() {
        RecordingConnection c = greeted();
        hub.telnet(c, TelnetEvent.ARE_YOU_THERE);
        assertEquals("Welcome to testd\r\nUsername: \r\n* still here\r\nUsername: ", c.raw());
        c.clear();
        User user = assertInstanceOf(Login.Accepted.class, hub.login(c, "alice")).user();
        user.handle("/json");
        c.clear();
        hub.telnet(c, TelnetEvent.ARE_YOU_THERE);
        assertEquals("{\"type\":\"info\",\"text\":\"still here\"}\r\n", c.raw(), "in the user's format");
    }

    @Test
    void negotiationRepliesGoOutAsTheyAreAndMoveNoPromptState() {
        RecordingConnection c = greeted();
        hub.telnet(c, new TelnetEvent.Reply(new byte[] {(byte) 0xFF, (byte) 0xFB, 6}));
        hub.shutdown();
        // Telnet bytes are no text, so the prompt is still last: the notice gets its fresh line.
        assertEquals("Welcome to testd\r\nUsername: \ufffd\ufffd\u0006\r\n* server shutting down\r\n", c.raw());
    }

    @Test
    void aLeaversNameIsFreeBeforeTheRoomHearsOfTheLeave() {
        RecordingConnection alice = new RecordingConnection();
        User aliceUser = login(alice, "alice");
        List<Object> foundWhenTold = new ArrayList<>();
        RecordingConnection bob = new RecordingConnection(line -> {
            if (line.startsWith("* alice left")) foundWhenTold.add(String.valueOf(hub.find("alice")));
        });
        login(bob, "bob");
        aliceUser.leave(LeaveReason.CONNECTION_CLOSED);
        assertEquals(List.of("null"), foundWhenTold, "a /msg sent on seeing the leave line must find no alice");
    }

    private RecordingConnection greeted() {
        RecordingConnection c = new RecordingConnection();
        assertTrue(hub.admit(c));
        hub.greet(c);
        return c;
    }

    @Test
    void loginJoinsLobbyAndListsUsers() {
        RecordingConnection a = new RecordingConnection();
        RecordingConnection b = new RecordingConnection();
        login(a, "bob");
        login(b, "Alice");
        assertEquals(List.of("* bob joined #lobby", "* users in #lobby: bob", "* Alice joined #lobby"), a.lines());
        assertEquals(List.of("* Alice joined #lobby", "* users in #lobby: Alice, bob"), b.lines());
    }

    @Test
    void takenNameInAnyCaseIsRefusedWithPrompt() {
        login(new RecordingConnection(), "alice");
        RecordingConnection c = new RecordingConnection();
        hub.admit(c);
        assertInstanceOf(Login.Retry.class, hub.login(c, "ALICE"));
        assertEquals("! name taken: ALICE\r\nUsername: ", c.raw());
    }

    @Test
    void fullServerRefusesAndReleaseFreesTheSlot() {
        ChatHub small = new ChatHub(ChatConfig.forTests().withMaxUsers(1));
        RecordingConnection a = new RecordingConnection();
        assertTrue(small.admit(a));
        assertFalse(small.admit(new RecordingConnection()));
        small.release(a);
        assertTrue(small.admit(new RecordingConnection()));
    }

    @Test
    void joinMovesBetweenRoomsAndEmptyRoomsVanish() {
        RecordingConnection a = new RecordingConnection();
        RecordingConnection b = new RecordingConnection();
        User alice = login(a, "alice");
        login(b, "bob");
        a.clear();
        b.clear();
        alice.handle("/join #Dev");
        assertEquals(List.of("* alice left #lobby"), b.lines());
        assertEquals(List.of("* alice joined #dev", "* users in #dev: alice"), a.lines());
        a.clear();
        alice.handle("/rooms");
        assertEquals(List.of("* rooms: #dev (1), #lobby (1)"), a.lines());
        alice.handle("/join lobby");
        a.clear();
        alice.handle("/rooms");
        assertEquals(List.of("* rooms: #lobby (2)"), a.lines());
    }

    @Test
    void jsonSeqStartsAtOneForANewRoomAndRestartsWhenRecreated() {
        RecordingConnection a = new RecordingConnection();
        User alice = login(a, "alice");
        alice.handle("/json");
        alice.handle("/join dev");
        alice.handle("hi");
        alice.handle("/join lobby");
        alice.handle("/join dev");
        List<String> lines = a.lines();
        assertEquals("{\"type\":\"info\",\"text\":\"output is now json\"}", lines.get(2));
        assertEquals("{\"type\":\"join\",\"room\":\"dev\",\"seq\":1,\"ts\":\"2026-01-01T10:00:00.000Z\",\"user\":\"alice\"}", lines.get(3));
        assertEquals("{\"type\":\"users\",\"room\":\"dev\",\"users\":[\"alice\"]}", lines.get(4));
        assertEquals("{\"type\":\"message\",\"room\":\"dev\",\"seq\":2,\"ts\":\"2026-01-01T10:00:00.000Z\",\"from\":\"alice\",\"text\":\"hi\"}", lines.get(5));
        assertTrue(lines.get(lines.size() - 2).contains("\"type\":\"join\",\"room\":\"dev\",\"seq\":1,"), lines.toString());
    }

    @Test
    void leaveShowsReasonExceptOnQuitAndNotDuringShutdown() {
        RecordingConnection a = new RecordingConnection();
        RecordingConnection b = new RecordingConnection();
        User alice = login(a, "alice");
        User bob = login(b, "bob");
        RecordingConnection c = new RecordingConnection();
        User carol = login(c, "carol");
        a.clear();
        bob.leave(LeaveReason.TOO_SLOW);
        carol.handle("/quit");
        assertEquals(List.of("* bob left #lobby (too slow)", "* carol left #lobby"), a.lines());
        assertEquals("* bye", c.lines().get(c.lines().size() - 1));
        a.clear();
        RecordingConnection d = new RecordingConnection();
        User dave = login(d, "dave");
        a.clear();
        hub.shutdown();
        dave.leave(LeaveReason.SHUTDOWN);
        assertEquals(List.of("* server shutting down"), a.lines());
        alice.leave(LeaveReason.SHUTDOWN);
        assertEquals(0, hub.userCount());
    }

    @Test
    void everyMemberSeesOneIdenticalOrderUnderConcurrentSenders() throws Exception {
        int users = 50;
        int perUser = 200;
        List<RecordingConnection> conns = new ArrayList<>();
        List<User> members = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            RecordingConnection c = new RecordingConnection();
            conns.add(c);
            members.add(login(c, "u" + i));
        }
        conns.forEach(RecordingConnection::clear);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (User u : members) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int m = 0; m < perUser; m++) u.handle("m" + m);
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        List<String> reference = conns.get(0).lines();
        assertEquals(users * perUser, reference.size());
        for (RecordingConnection c : conns) assertEquals(reference, c.lines());
        // and each sender's own lines in the order sent
        for (User u : members) {
            String prefix = u.name() + ": m";
            int expected = 0;
            for (String line : reference) {
                if (line.startsWith(prefix)) assertEquals(prefix + expected++, line);
            }
            assertEquals(perUser, expected);
        }
    }

    @Test
    void loginAfterShutdownBeganIsRefusedSoTheNoticeStaysTheLastLine() {
        RecordingConnection watcher = new RecordingConnection();
        login(watcher, "watcher");
        RecordingConnection late = new RecordingConnection();
        assertTrue(hub.admit(late));
        watcher.clear();
        hub.shutdown();
        assertInstanceOf(Login.Retry.class, hub.login(late, "late"));
        assertEquals("* server shutting down\r\n", late.raw(), "nothing after the notice, not even an error");
        assertEquals(List.of("* server shutting down"), watcher.lines());
        assertEquals("* server shutting down\r\n", new String(hub.refusalReply(), StandardCharsets.UTF_8));
        hub.shutdown(); // a second call tells no one twice
        assertEquals(List.of("* server shutting down"), watcher.lines());
    }

    @Test
    void concurrentLoginsAndShutdownTellEveryConnectionExactlyOnce() throws Exception {
        for (int round = 0; round < 50; round++) {
            ChatHub fresh = new ChatHub(ChatConfig.forTests());
            List<RecordingConnection> conns = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                RecordingConnection c = new RecordingConnection();
                assertTrue(fresh.admit(c));
                conns.add(c);
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < conns.size(); i++) {
                RecordingConnection c = conns.get(i);
                String name = "u" + i;
                pool.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    fresh.login(c, name);
                });
            }
            pool.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                fresh.shutdown();
            });
            go.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            for (RecordingConnection c : conns) {
                List<String> lines = c.lines();
                assertEquals(1, lines.stream().filter("* server shutting down"::equals).count(), lines.toString());
                assertEquals("* server shutting down", lines.get(lines.size() - 1), lines.toString());
            }
        }
    }

    @Test
    void aConnectionAdmittedWhileShutdownBeginsIsToldOrRefusedNeverForgotten() throws Exception {
        for (int round = 0; round < 200; round++) {
            ChatHub fresh = new ChatHub(ChatConfig.forTests());
            List<RecordingConnection> admitted = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            Thread admitting = new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < 50; i++) {
                    RecordingConnection c = new RecordingConnection();
                    if (fresh.admit(c)) {
                        admitted.add(c);
                        fresh.greet(c);
                    }
                }
            });
            admitting.start();
            go.countDown();
            fresh.shutdown();
            admitting.join();
            for (RecordingConnection c : admitted) {
                assertTrue(c.raw().endsWith("* server shutting down\r\n"), () -> "admitted, so told: " + c.raw());
            }
        }
    }

    @Test
    void nothingFollowsTheNoticeEvenFromARoomEventAlreadyUnderWay() {
        RecordingConnection alice = new RecordingConnection();
        RecordingConnection bob = new RecordingConnection();
        login(alice, "alice");
        User bobUser = login(bob, "bob");
        hub.shutdown();
        // A line bob's reader had already begun to handle publishes after the notice went out.
        Room lobby = bobUser.room();
        hub.events().publish(lobby, null, (seq, ts) -> new dev.chatd.common.render.ServerLine.Message("lobby", seq, ts, "bob", "late"));
        assertEquals("* server shutting down", alice.lines().get(alice.lines().size() - 1));
        assertFalse(alice.raw().contains("late"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
