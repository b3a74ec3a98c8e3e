package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.server.ChatServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md "Promises", shutdown: {@link ChatServer#close()} tells every connection, flushes
 * what is owed and closes. Choice (lead): nobody is told that others left after the notice.
 */
public abstract class ShutdownContract extends ServerContract {

    @Test
    public void everyConnectionGetsTheNoticeThenEof() {
        List<FakeUser> users = loginAll("alice", "bob", "dave");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        FakeUser dave = users.get(2);
        bob.send("/json");
        bob.expectNextJson("{'type':'info','text':'output is now json'}");
        join(dave, "dev");
        alice.awaitLine("* dave left #lobby");
        bob.awaitLine(line -> JsonLines.isType(line, "leave"), "dave's leave");
        FakeUser carol = connectToPrompt();

        ChatServer server = server();
        long start = System.nanoTime();
        server.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        alice.expectNext(SHUTTING_DOWN);
        alice.expectClosed();
        bob.expectNextJson("{'type':'info','text':'server shutting down'}");
        bob.expectClosed();
        dave.expectNext(SHUTTING_DOWN);
        dave.expectClosed();
        carol.awaitClosed();
        // The prompt has no line end: the notice starts on a fresh line, not on "Username: ".
        assertEquals("Welcome to chatd\r\nUsername: \r\n" + SHUTTING_DOWN + "\r\n", carol.text());
        // Nothing was stuck, so close() did not wait out the grace (5 s by default).
        assertTrue(millis < 3_000, "close took " + millis + " ms");
        assertEquals(0, server.hub().connectionCount(), "connections left once close() returned");
        server.close(); // again: does nothing, and returns
        assertEquals(0, server.hub().connectionCount());
    }

    @Test
    public void outputOwedBeforeShutdownArrivesBeforeTheNotice() throws Exception {
        FakeUser reader = connect(4096);
        reader.login("reader");
        FakeUser writer = login("writer");
        reader.awaitLine("* writer joined #lobby");
        reader.pauseReading();

        List<String> expected = new ArrayList<>();
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            String text = i + " " + "o".repeat(100);
            burst.append(text).append("\r\n");
            expected.add("writer: " + text);
        }
        writer.sendWithoutLineEnd(burst.toString());
        writer.awaitLine(expected.get(expected.size() - 1)); // so every line is owed to the reader

        ChatServer server = server();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        reader.resumeReading();
        assertSameLines("reader got what it was owed", expected, reader.nextLines(expected.size()));
        reader.expectNext(SHUTTING_DOWN);
        reader.expectClosed();
        closing.get(FakeUser.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Once close() has returned the listener is closed, not just no longer served: the kernel
     * answers a connect with a reset, so it is refused, never accepted and then ended.
     */
    @Test
    public void nothingIsAcceptedAfterShutdown() throws IOException {
        InetSocketAddress address = address();
        server().close();
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class, () -> socket.connect(address, (int) FakeUser.TIMEOUT.toMillis()),
                    "a connect after shutdown was accepted: the listener is still open");
        }
    }

    /**
     * The notice is the last line by construction, not by luck: users flood at full speed, send
     * private messages and log in while shutdown starts, and still every connection that was
     * welcomed gets the notice exactly once, as its very last line, before its EOF.
     */
    @Test
    public void theNoticeIsTheLastLineWhileEveryoneTalksAndLogsIn() throws Exception {
        List<FakeUser> everyone = new CopyOnWriteArrayList<>(loginAll("f1", "f2", "f3", "f4", "p1", "p2", "p3", "j1"));
        FakeUser json = everyone.get(7);
        json.send("/json");
        json.awaitLine("{\"type\":\"info\",\"text\":\"output is now json\"}");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        List<Thread> talkers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FakeUser flooder = everyone.get(i);
            // Bursts as fast as the server echoes them: a backlog bounded by the bursts, so no reader
            // can fall behind its output limit on a busy machine and be cut instead of told.
            talkers.add(talker(stop, () -> {
                StringBuilder burst = new StringBuilder();
                String last = null;
                for (int n = 0; n < 50; n++) {
                    last = "flood " + sent.incrementAndGet();
                    burst.append(last).append("\r\n");
                }
                flooder.sendWithoutLineEnd(burst.toString());
                flooder.awaitReceived(flooder.label() + ": " + last);
            }));
        }
        for (int i = 4; i < 7; i++) {
            FakeUser whisperer = everyone.get(i);
            String to = everyone.get(4 + (i - 3) % 3).label();
            talkers.add(talker(stop, () -> {
                String text = "psst " + sent.incrementAndGet();
                whisperer.send("/msg " + to + " " + text);
                whisperer.awaitReceived("[pm to " + to + "] " + text);
            }));
        }
        AtomicInteger newcomers = new AtomicInteger();
        talkers.add(talker(stop, () -> {
            FakeUser late = connect();
            everyone.add(late);
            late.sendWithoutLineEnd("late" + newcomers.incrementAndGet() + "\r\n");
            late.awaitLineStartingWith("* users in #lobby: "); // one login at a time
        }));
        talkers.forEach(Thread::start);
        Awaitility.await().atMost(FakeUser.TIMEOUT).until(() -> sent.get() > 2000 && newcomers.get() > 5);

        server().close();
        stop.set(true);
        for (Thread talker : talkers) talker.join(FakeUser.TIMEOUT.toMillis());

        int told = 0;
        for (FakeUser user : everyone) {
            user.awaitClosed();
            List<String> lines = user.lines();
            if (lines.isEmpty() || !lines.get(0).startsWith("Welcome to ") && !lines.get(0).equals(SHUTTING_DOWN)) {
                continue; // never served: connected as the listener closed
            }
            String notice = user == json ? "{\"type\":\"info\",\"text\":\"server shutting down\"}" : SHUTTING_DOWN;
            assertEquals(notice, lines.get(lines.size() - 1), () -> user.label() + ": the notice must be the last line; "
                    + lines.stream().filter(notice::equals).count() + " notice(s), the last lines: "
                    + lines.subList(Math.max(0, lines.size() - 3), lines.size()) + "; closed by " + user.closedBy());
            assertEquals(1, lines.stream().filter(notice::equals).count(), () -> user.label() + ": one notice");
            assertEquals("", user.tail(), () -> user.label() + ": nothing after the notice");
            told++;
        }
        assertTrue(told >= 8, "at least the users logged in before shutdown were told: " + told);
    }

    /** Runs {@code step} over and over until {@code stop}, or until the connection fails. */
    private static Thread talker(AtomicBoolean stop, Runnable step) {
        Thread thread = new Thread(() -> {
            try {
                while (!stop.get()) step.run();
            } catch (RuntimeException closed) {
                // the server has closed this user, or refused a newcomer: this talker is done
            }
        }, "shutdown-talker");
        thread.setDaemon(true);
        return thread;
    }
}
