package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md "Promises", the output budget: the server's unsent output as a whole is
 * bounded; past the budget no input is read until readers have caught up, and readers who take
 * nothing at all while it stays over are cut as too slow.
 */
public abstract class OutputBudgetContract extends ServerContract {

    /** Lines long enough that each member's queue tells the budget at once (it is told in 4 KiB steps). */
    private static final String FILLER = "b".repeat(2000);

    @Test
    public void overTheBudgetInputWaitsForTheReadersAndNothingIsLost() {
        startServer(config().withOutputBudgetBytes(16 * 1024));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) names.add("u" + i);
        List<FakeUser> users = loginAll(names.toArray(String[]::new));
        int flooders = 3;
        // More than a cluster node lets a user have in flight (40 at the defaults), so there too
        // reading goes on while the echoes of earlier lines are still being written.
        int lines = 120;
        for (int f = 0; f < flooders; f++) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < lines; i++) burst.append(i).append(' ').append(FILLER).append("\r\n");
            users.get(f).sendWithoutLineEnd(burst.toString()); // each line is 24 KB of output: past the budget
        }
        for (FakeUser user : users) {
            for (int f = 0; f < flooders; f++) user.awaitReceived("u" + f + ": " + (lines - 1) + " " + FILLER);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < lines; i++) expected.add(i + " " + FILLER);
        for (FakeUser user : users) {
            for (int f = 0; f < flooders; f++) {
                String prefix = "u" + f + ": ";
                assertSameLines(user.label() + " got every line of u" + f + ", in order", expected,
                        user.lines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                                .collect(Collectors.toList()));
            }
            assertTrue(user.lines().stream().noneMatch(l -> l.contains(" left #lobby")), user.label() + " saw nobody leave");
        }
        assertTrue(server().hub().metrics().outputBudgetPauses() > 0,
                "the budget was passed, so reading paused (else this test shows nothing)");
        assertEquals(0, server().hub().metrics().slowConsumerDisconnects(), "readers who keep up are never cut");
    }

    @Test
    public void readersWhoTakeNothingAreCutOnceTheBudgetStaysOver() {
        // Each silent reader stays far under its own limit (64 MiB here): only the budget can cut them.
        startServer(config().withOutputBudgetBytes(64 * 1024).withOutputLimitBytes(64 << 20));
        List<FakeUser> silent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakeUser user = connect(4096);
            user.login("silent" + i);
            silent.add(user);
        }
        FakeUser alice = login("alice");
        FakeUser bob = login("bob");
        alice.awaitLine("* bob joined #lobby");
        silent.forEach(FakeUser::pauseReading);

        // Send until all three are cut (the kernel takes a few MB for each before it refuses any,
        // then reading stops for everyone: without the cut bob would wait here for good),
        // a batch at a time, each read by bob before the next: he keeps up, they take nothing.
        String filler = "s".repeat(4000);
        List<String> cuts = List.of("* silent0 left #lobby (too slow)", "* silent1 left #lobby (too slow)",
                "* silent2 left #lobby (too slow)");
        int batches = 0;
        while (!bob.lines().containsAll(cuts)) {
            assertTrue(batches < 1000, "1,000 batches (16 MB to each silent reader) and not all cut: " + bob.describe());
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 4; i++) burst.append(batches).append('.').append(i).append(' ').append(filler).append("\r\n");
            alice.sendWithoutLineEnd(burst.toString());
            bob.awaitReceived("alice: " + batches + ".3 " + filler);
            batches++;
        }
        for (FakeUser reader : List.of(alice, bob)) {
            reader.awaitReceived("alice: " + (batches - 1) + ".3 " + filler);
            for (String cut : cuts) reader.awaitReceived(cut);
            assertTrue(reader.lines().stream().noneMatch(l -> l.startsWith("* alice left") || l.startsWith("* bob left")),
                    reader.label() + " saw a reader who keeps up cut");
        }
        assertEquals(3, server().hub().metrics().slowConsumerDisconnects(), "each silent reader counted once");
        // The room carries on, and input is read again at once.
        bob.send("/who");
        bob.awaitLine("* users in #lobby: alice, bob");
    }
}
