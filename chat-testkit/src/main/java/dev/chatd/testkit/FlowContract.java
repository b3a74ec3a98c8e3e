package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md "Guarantees" about load: a full server, a slow reader, a fast writer.
 */
public abstract class FlowContract extends ServerContract {

    @Test
    public void fullServerRefusesBeforeTheWelcomeAndCloses() {
        startServer(config().withMaxUsers(2));
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser third = connect();
        third.awaitClosed();
        assertEquals(SERVER_FULL + "\r\n", third.text());

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
        // Room order is one order, so alice, having read past the batch bob saw it in, has it too.
        for (FakeUser reader : List.of(alice, bob)) {
            assertTrue(reader.lines().contains(tooSlow),
                    reader.label() + " never saw <" + tooSlow + "> after " + sent.size() + " lines of 4 kB");
        }

        bob.send("still here");
        alice.awaitLine("bob: still here");
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
