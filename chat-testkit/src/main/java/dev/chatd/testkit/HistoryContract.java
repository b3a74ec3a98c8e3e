package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * docs/protocol.md, "History": each room keeps its last events (message, action, join, leave,
 * nick); {@code /history [count]} replays them, oldest first, to the user who asks and to nobody
 * else: in text behind their UTC time, in JSON as one object holding the events' own objects.
 */
public abstract class HistoryContract extends ServerContract {

    private static final Pattern TIME = Pattern.compile("^\\[\\d\\d:\\d\\d:\\d\\d\\] ");
    private static final String USAGE = "! usage: /history [count]";

    @Test
    public void textHistoryIsTheRoomsEventsBehindTheirTimes() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        join(alice, "dev");
        join(bob, "dev");
        alice.awaitLine("* bob joined #dev");
        alice.send("hello");
        alice.awaitLine("alice: hello");
        bob.send("/me waves");
        alice.awaitLine("* bob waves");
        bob.awaitLine("* bob waves");

        alice.send("/history");
        assertEquals(List.of("* history of #dev: 4 events",
                "* alice joined #dev", "* bob joined #dev", "alice: hello", "* bob waves",
                "* end of history"), withoutTimes(alice.nextLines(6)));
        bob.expectNothingElse(); // a replay is the asker's alone
    }

    @Test
    public void eachReplayedLineStartsWithItsUtcTime() {
        FakeUser alice = login("alice");
        alice.send("hello");
        alice.awaitLine("alice: hello");
        alice.send("/history");
        List<String> lines = alice.nextLines(4);
        assertEquals("* history of #lobby: 2 events", lines.get(0));
        for (String event : lines.subList(1, 3)) {
            assertTrue(TIME.matcher(event).lookingAt(), () -> "no [HH:MM:SS] before: " + event);
        }
        assertEquals("* end of history", lines.get(3));
    }

    @Test
    public void jsonHistoryHoldsTheEventsAsMembersSawThemLive() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        bob.send("/json");
        bob.awaitLine("{\"type\":\"info\",\"text\":\"output is now json\"}");
        alice.send("one");
        alice.send("/nick alicia");
        alice.awaitLine("* alice is now known as alicia");
        List<String> live = new ArrayList<>();
        live.add(bob.awaitLine(line -> JsonLines.isType(line, "message"), "the message"));
        live.add(bob.awaitLine(line -> JsonLines.isType(line, "nick"), "the nick"));

        bob.send("/history 2");
        ObjectNode history = bob.nextJson();
        assertEquals("history", history.get("type").asText());
        assertEquals("lobby", history.get("room").asText());
        JsonNode events = history.get("events");
        assertEquals(2, events.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(JsonLines.parse(live.get(i)), events.get(i), "seq, ts and all, as seen live");
        }
        assertEquals(List.of("type", "room", "events"), new ArrayList<>(history.propertyNames()));
    }

    /** The header counts as docs/protocol.md writes it, "N events", for one event too. */
    @Test
    public void aNewRoomsHistoryHoldsTheJoinThatCreatedIt() {
        FakeUser alice = login("alice");
        join(alice, "dev");
        alice.send("/history");
        assertEquals(List.of("* history of #dev: 1 events", "* alice joined #dev", "* end of history"),
                withoutTimes(alice.nextLines(3)));
        alice.send("/json");
        alice.awaitLine("{\"type\":\"info\",\"text\":\"output is now json\"}");
        alice.send("/history");
        JsonNode events = alice.nextJson().get("events");
        assertEquals(1, events.size());
        assertEquals("join", events.get(0).get("type").asText());
        assertEquals(1, events.get(0).get("seq").asLong());
    }

    @Test
    public void defaultIsTwentyAndACountIsHonouredUpToTheBuffer() {
        startServer(config().withHistoryEvents(30));
        FakeUser alice = login("alice");
        for (int i = 1; i <= 40; i++) alice.send("m" + i);
        alice.awaitLine("alice: m40");

        alice.send("/history");
        List<String> twenty = withoutTimes(alice.nextLines(22));
        assertEquals("* history of #lobby: 20 events", twenty.get(0));
        assertEquals("alice: m21", twenty.get(1));
        assertEquals("alice: m40", twenty.get(20));

        alice.send("/history 3");
        assertEquals(List.of("* history of #lobby: 3 events", "alice: m38", "alice: m39", "alice: m40",
                "* end of history"), withoutTimes(alice.nextLines(5)));

        alice.send("/history 1000"); // more than the room keeps: all it keeps
        List<String> all = withoutTimes(alice.nextLines(32));
        assertEquals("* history of #lobby: 30 events", all.get(0));
        assertEquals("alice: m11", all.get(1));
        assertEquals("* end of history", all.get(31));
    }

    @Test
    public void aBadCountIsAUsageError() {
        FakeUser alice = login("alice");
        for (String bad : List.of("/history x", "/history 0", "/history -3", "/history 5 6", "/HISTORY 1.5")) {
            alice.send(bad);
            alice.expectNext(USAGE);
        }
        alice.send("/HiStOrY 1");
        alice.expectNext("* history of #lobby: 1 events");
    }

    @Test
    public void historyCanBeTurnedOff() {
        startServer(config().withHistoryEvents(0));
        FakeUser alice = login("alice");
        alice.send("/history");
        alice.expectNext("! history is off");
        alice.send("/history 5");
        alice.expectNext("! history is off");
    }

    @Test
    public void privateMessagesAreNeverReplayed() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        alice.send("/msg bob secret");
        alice.awaitLine("[pm to bob] secret");
        alice.send("/history");
        List<String> lines = withoutTimes(alice.nextLines(4));
        assertEquals(List.of("* history of #lobby: 2 events", "* alice joined #lobby", "* bob joined #lobby",
                "* end of history"), lines);
    }

    @Test
    public void aRoomCreatedAgainStartsWithAnEmptyHistory() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        join(alice, "dev");
        alice.send("before");
        alice.awaitLine("alice: before");
        join(alice, "lobby");
        join(bob, "dev"); // #dev emptied and went; this is a new #dev
        bob.send("/history");
        assertEquals(List.of("* history of #dev: 1 events", "* bob joined #dev", "* end of history"),
                withoutTimes(bob.nextLines(3)));
    }

    /**
     * #lobby stays when it empties, and so does what happened in it: its last member's leave is
     * one of its events, or its history would show that member join twice.
     */
    @Test
    public void theLobbyKeepsTheLeaveOfItsLastMember() {
        FakeUser alice = login("alice");
        join(alice, "dev");
        join(alice, "lobby");
        alice.send("/history");
        assertEquals(List.of("* history of #lobby: 3 events", "* alice joined #lobby", "* alice left #lobby",
                "* alice joined #lobby", "* end of history"), withoutTimes(alice.nextLines(5)));
    }

    @Test
    public void nickChangesAndLeavesWithReasonsAreInHistory() {
        List<FakeUser> users = loginAll("alice", "bob", "carol");
        FakeUser alice = users.get(0);
        alice.send("/nick alicia");
        alice.awaitLine("* alice is now known as alicia");
        users.get(2).close();
        alice.awaitLine(line -> line.startsWith("* carol left #lobby ("), "carol's leave");
        users.get(1).send("/quit");
        alice.awaitLine("* bob left #lobby");
        alice.send("/history 3");
        List<String> lines = withoutTimes(alice.nextLines(5));
        assertEquals("* alice is now known as alicia", lines.get(1));
        assertTrue(lines.get(2).matches("\\* carol left #lobby \\(.+\\)"), lines.get(2));
        assertEquals("* bob left #lobby", lines.get(3));
    }

    @Test
    public void theBufferStaysBoundedUnderALongFlood() {
        startServer(config().withHistoryEvents(10));
        FakeUser alice = login("alice");
        StringBuilder flood = new StringBuilder();
        for (int i = 1; i <= 2000; i++) flood.append("f").append(i).append("\r\n");
        alice.sendWithoutLineEnd(flood.toString());
        alice.awaitLine("alice: f2000");
        alice.send("/history 2000");
        List<String> lines = withoutTimes(alice.nextLines(12));
        assertEquals("* history of #lobby: 10 events", lines.get(0));
        assertEquals("alice: f1991", lines.get(1));
        assertEquals("alice: f2000", lines.get(10));
        assertEquals("* end of history", lines.get(11));
        alice.expectNothingElse();
    }

    @Test
    public void historyIsListedInHelp() {
        FakeUser alice = login("alice");
        alice.send("/help");
        alice.awaitLine(line -> line.startsWith("* /history"), "a /history line in /help");
    }

    /** The replayed lines with their {@code [HH:MM:SS] } taken off; header and end kept as they are. */
    private static List<String> withoutTimes(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(TIME.matcher(line).replaceFirst(""));
        }
        return out;
    }
}
