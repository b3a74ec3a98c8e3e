package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * docs/protocol.md "Promises" about load: a full server, a slow reader, a fast writer.
 */
public abstract class FlowContract extends ServerContract {

    @Test
    public void fullServerRefusesBeforeTheWelcomeAndCloses() {
        startServer(config().withMaxUsers(2));
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser third = connect();
        third.awaitClosed();
        assertEquals(SERVER_FULL + "\r\n", third.text());
        assertEquals(1, server().hub().metrics().connectionsRefused(), "refusals counted");
        users.get(0).send("/who");
        users.get(0).expectNext("* users in #lobby: alice, bob"); // the refusal left the room alone

        users.get(0).send("/quit");
        users.get(0).awaitClosed();
        awaitAdmitted().login("carol");
    }

    /** Choice (ChatConfig: "most connections held at once"): a connection at the prompt holds a place. */
    @Test
    public void connectionsAtThePromptCountTowardsTheLimit() {
        startServer(config().withMaxUsers(2));
        login("alice");
        FakeUser waiting = connectToPrompt();
        FakeUser third = connect();
        third.awaitClosed();
        assertEquals(SERVER_FULL + "\r\n", third.text());
    }

    @Test
    public void slowReaderIsDisconnectedWhileTheRoomCarriesOn() {
        startServer(config().withOutputLimitBytes(64 * 1024));
        FakeUser slow = connect(4096);
        slow.login("slow");
        FakeUser alice = login("alice");
        FakeUser bob = login("bob");
        alice.awaitLine("* bob joined #lobby");
        slow.pauseReading();

        String tooSlow = "* slow left #lobby (too slow)";
        String filler = "x".repeat(4000);
        List<String> sent = new ArrayList<>();
        // Batches stay well under the limit, so readers that keep up are never at risk.
        for (int batch = 0; batch < 500 && !bob.lines().contains(tooSlow); batch++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                String text = sent.size() + " " + filler;
                sent.add("alice: " + text);
                lines.append(text).append("\r\n");
            }
            alice.sendWithoutLineEnd(lines.toString());
            bob.awaitLine(sent.get(sent.size() - 1));
            alice.awaitLine(sent.get(sent.size() - 1));
        }
        assertTrue(bob.lines().contains(tooSlow), "bob never saw <" + tooSlow + "> after " + sent.size() + " lines of 4 kB");
        // The leave may follow the batch bob last awaited, so alice may not have it yet: wait for it.
        alice.awaitReceived(tooSlow);
        assertEquals(1, server().hub().metrics().slowConsumerDisconnects(), "slow-consumer disconnects counted");

        bob.send("still here");
        alice.awaitLine("bob: still here");
        bob.send("/who");
        bob.awaitLine("* users in #lobby: alice, bob");
        for (FakeUser reader : List.of(alice, bob)) {
            assertSameLines(reader.label() + " got every message", sent, fromAlice(reader));
            assertEquals(1, reader.lines().stream().filter(line -> line.startsWith("* slow left")).count(),
                    reader.label() + " was told once that slow left");
        }

        slow.resumeReading();
        slow.awaitClosed();
        List<String> slowGot = fromAlice(slow);
        assertSameLines("slow got a gapless prefix", sent.subList(0, slowGot.size()), slowGot);
    }

    /**
     * docs/protocol.md counts a slow reader's output "beyond what the kernel has accepted": a
     * flooder that reads everything the room sends back is never cut, however much echo one read
     * of its input makes, while a user who reads nothing is. Each write of the flooder is 64 lines
     * of about 4 kB, as much as the output limit here, so a server that counts its own backlog of
     * one turn against the limit cuts the flooder (and did, both servers, before the limit counted
     * only what the kernel refused). The flooder writes from a thread of its own, as a client
     * would, so a server that stops reading it fails this test rather than hanging it. One I/O
     * thread: then the writers of all three users share the thread that reads the flood, and
     * the outcome depends on the accounting alone, not on how this shared machine schedules
     * two server threads against each other (a writer thread starved for long enough falls
     * behind by more than any fixed allowance; see {@code OutputQueue.BACKLOG_ALLOWANCE}). A fresh server, as every test here has: its
     * first flood is where that showed.
     */
    @Test
    public void aFlooderThatReadsEverythingIsNeverCutWhileAUserWhoReadsNothingIs() {
        startServer(config().withOutputLimitBytes(256 * 1024).withWorkerThreads(1));
        FakeUser silent = connect(4096);
        silent.login("silent");
        // Room in the kernel for what a reader that keeps up may lag while the test's own threads
        // wait for a core: the limit is about the server's backlog, not this machine's scheduler.
        FakeUser flooder = connect(READER_BUFFER);
        flooder.login("flooder");
        FakeUser reader = connect(READER_BUFFER);
        reader.login("reader");
        flooder.awaitLine("* reader joined #lobby");
        silent.pauseReading();

        int writes = 32;
        int linesPerWrite = 64;
        String filler = "f".repeat(4000);
        CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
            for (int w = 0; w < writes; w++) {
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < linesPerWrite; i++) {
                    lines.append(w).append('.').append(i).append(' ').append(filler).append("\r\n");
                }
                try {
                    flooder.sendWithoutLineEnd(lines.toString()); // returns once the kernel took it: drained
                } catch (UncheckedIOException e) {
                    throw new AssertionFailedError("the flooder's write " + w + " failed: " + e.getCause(), e);
                }
                // Paced by the reader as well as by its own echo: each write's echo alone is over the
                // limit (the case under test), while a reader descheduled on a busy machine never
                // lags more than one write, so a cut could only be the server's own doing.
                reader.awaitReceived("flooder: " + w + "." + (linesPerWrite - 1) + " " + filler);
            }
        });
        String last = "flooder: " + (writes - 1) + "." + (linesPerWrite - 1) + " " + filler;
        for (FakeUser user : List.of(reader, flooder)) {
            for (int w = 0; w < writes; w++) { // one wait per write: a loaded machine may take a while for 8 MB
                try {
                    user.awaitLineStartingWith("flooder: " + w + "." + (linesPerWrite - 1) + " ");
                } catch (AssertionError e) {
                    if (flood.isCompletedExceptionally()) { // say why the lines stopped: the flooder was cut
                        throw new AssertionFailedError(flood.handle((v, failure) -> failure.getMessage()).join()
                                + "\n" + flooder.describe(), e);
                    }
                    throw e;
                }
            }
            flood.join(); // done by now, or failed: the flooder was cut
            assertTrue(user.lines().contains(last));
            assertTrue(user.lines().contains("* silent left #lobby (too slow)"), user.label() + " saw silent cut");
            assertTrue(user.lines().stream().noneMatch(line -> line.startsWith("* flooder left")
                    || line.startsWith("* reader left")), user.label() + " saw a user who reads cut");
            assertSameLines(user.label() + " got every line of the flood", floodLines(writes, linesPerWrite, filler),
                    fromUser(user, "flooder"));
        }
        flooder.expectNothingElse();
        reader.expectNothingElse();
    }

    /**
     * The same accounting with several I/O threads and bursts of three times the limit, paced by
     * nothing but the readers: a burst is one write of the sender's, its echo to the two readers
     * is over the limit at once, and both read everything. A transport whose writes complete later
     * than the flush (io_uring) must not take a write still in flight for output the kernel
     * refused: the callback server did, and cut both users here at the first burst, until it read
     * the refusal from the writes themselves (a part taken short of the whole).
     */
    @Test
    public void readersWhoKeepUpAreNeverCutByBurstsOverTheLimit() {
        int limit = 64 * 1024;
        startServer(config().withOutputLimitBytes(limit));
        FakeUser sender = connect(READER_BUFFER);
        sender.login("sender");
        FakeUser reader = connect(READER_BUFFER);
        reader.login("reader");
        sender.awaitLine("* reader joined #lobby");

        int bursts = 40;
        int linesPerBurst = 48; // 48 lines of 4 kB: three times the limit in one write
        String filler = "b".repeat(4000);
        List<String> sent = new ArrayList<>();
        for (int b = 0; b < bursts; b++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < linesPerBurst; i++) {
                String text = b + "." + i + " " + filler;
                sent.add("sender: " + text);
                lines.append(text).append("\r\n");
            }
            sender.sendWithoutLineEnd(lines.toString());
            reader.awaitLine(sent.get(sent.size() - 1));
            sender.awaitLine(sent.get(sent.size() - 1));
        }
        for (FakeUser user : List.of(sender, reader)) {
            assertSameLines(user.label() + " got every line", sent, fromUser(user, "sender"));
        }
        assertEquals(0, server().hub().metrics().slowConsumerDisconnects(), "nobody was cut as too slow");
        sender.expectNothingElse();
        reader.expectNothingElse();
    }

    private static final int READER_BUFFER = 4 << 20;

    private static List<String> floodLines(int writes, int linesPerWrite, String filler) {
        List<String> lines = new ArrayList<>();
        for (int w = 0; w < writes; w++) {
            for (int i = 0; i < linesPerWrite; i++) {
                lines.add("flooder: " + w + "." + i + " " + filler);
            }
        }
        return lines;
    }

    @Test
    public void fastWriterIsThrottledButLosesNothingAndOthersAreNotSlowed() {
        int rate = 50;
        int burst = 10;
        int count = 100;
        startServer(config().withRateLimit(rate).withRateBurst(burst));
        List<FakeUser> users = loginAll("fast", "bob");
        FakeUser fast = users.get(0);
        FakeUser bob = users.get(1);

        StringBuilder lines = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.append("f").append(i).append("\r\n");
            expected.add("fast: f" + i);
        }
        String last = expected.get(count - 1);
        long start = System.nanoTime();
        fast.sendWithoutLineEnd(lines.toString());

        for (int i = 0; i < 3; i++) {
            long sent = System.nanoTime();
            bob.send("ping " + i);
            bob.awaitLine("bob: ping " + i);
            long roundTrip = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(roundTrip < 1000, "bob waited " + roundTrip + " ms behind the fast writer");
        }
        bob.awaitReceived(last);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // A bucket of `burst` lines refilled at `rate` per second cannot pass `count` lines faster.
        long minimum = (long) (0.8 * (count - burst) * 1000 / rate);
        assertTrue(elapsed >= minimum, count + " lines took " + elapsed + " ms, expected at least " + minimum);
        List<String> bobLines = bob.lines();
        assertTrue(bobLines.indexOf("bob: ping 2") < bobLines.indexOf(last),
                "bob's lines were queued behind the fast writer's");
        assertSameLines("bob got every throttled line", expected, fromUser(bob, "fast"));
        fast.awaitReceived(last);
        assertSameLines("fast got every own line", expected, fromUser(fast, "fast"));
        assertTrue(bobLines.stream().noneMatch(line -> line.startsWith("* fast left")), "fast was dropped");
        assertTrue(server().hub().metrics().throttledReads() >= 1, "throttled reads counted");
    }

    /**
     * docs/protocol.md, end of input: the lines a throttled user had already sent when their input
     * ended are handled at once, no longer paced, and all before their leave line. At one line a
     * second, pacing these 30 would take half a minute: far past any wait here.
     */
    @Test
    public void linesHeldByThrottlingWhenInputEndsAreHandledAtOnceBeforeTheLeave() {
        startServer(config().withRateLimit(1).withRateBurst(2));
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        StringBuilder lines = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.append("held ").append(i).append("\r\n");
            expected.add("alice: held " + i);
        }
        alice.sendWithoutLineEnd(lines.toString());
        alice.shutdownOutput();

        assertSameLines("bob got every held line", expected, bob.nextLines(expected.size()));
        bob.expectNext("* alice left #lobby (connection closed)");
        assertSameLines("alice got her own lines", expected, alice.nextLines(expected.size()));
        alice.expectClosed();
        bob.expectNothingElse();
    }

    private static List<String> fromAlice(FakeUser reader) {
        return fromUser(reader, "alice");
    }

    private static List<String> fromUser(FakeUser reader, String name) {
        return reader.lines().stream().filter(line -> line.startsWith(name + ": ")).collect(Collectors.toList());
    }
}
