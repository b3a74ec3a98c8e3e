package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * docs/protocol.md "JSON output": every object type with exactly its keys, {@code ts}, {@code seq}
 * and {@code reason}. On a fresh server {@code #lobby}'s first event is the first login, so
 * lobby sequence numbers are known exactly.
 */
public abstract class JsonContract extends ServerContract {

    private static final String JSON_ON = "{'type':'info','text':'output is now json'}";

    @Test
    public void switchingIsConfirmedInTheNewFormat() {
        FakeUser alice = login("alice");
        alice.send("/json");
        alice.expectNextJson(JSON_ON);
        alice.send("/text");
        alice.expectNext("* output is now text");
        alice.send("/json");
        alice.expectNextJson(JSON_ON);
    }

    @Test
    public void messageAndActionObjects() {
        List<FakeUser> users = loginAll("alice", "bob"); // lobby events 1, 2
        FakeUser alice = jsonUser(users.get(0));
        FakeUser bob = users.get(1);
        bob.send("hi");
        bob.send("/me waves");
        alice.expectNextJson("{'type':'message','room':'lobby','seq':3,'ts':'<ts>','from':'bob','text':'hi'}");
        alice.expectNextJson("{'type':'action','room':'lobby','seq':4,'ts':'<ts>','from':'bob','text':'waves'}");
        bob.expectNext("bob: hi"); // each user keeps their own format
        bob.expectNext("* bob waves");
    }

    @Test
    public void joinAndLeaveObjectsWithAReasonOnlyWhenTheTextShowsOne() {
        List<FakeUser> users = loginAll("alice", "bob"); // lobby events 1, 2
        FakeUser alice = jsonUser(users.get(0));
        FakeUser bob = users.get(1);

        FakeUser carol = login("carol");
        alice.expectNextJson("{'type':'join','room':'lobby','seq':3,'ts':'<ts>','user':'carol'}");
        carol.send("/quit");
        alice.expectNextJson("{'type':'leave','room':'lobby','seq':4,'ts':'<ts>','user':'carol'}");

        FakeUser dave = login("dave");
        alice.expectNextJson("{'type':'join','room':'lobby','seq':5,'ts':'<ts>','user':'dave'}");
        join(dave, "dev");
        alice.expectNextJson("{'type':'leave','room':'lobby','seq':6,'ts':'<ts>','user':'dave'}");

        FakeUser erin = login("erin");
        alice.expectNextJson("{'type':'join','room':'lobby','seq':7,'ts':'<ts>','user':'erin'}");
        erin.close();
        ObjectNode leave = alice.nextJson();
        assertTrue(leave.path("reason").isString() && !leave.path("reason").stringValue().isEmpty(),
                "a leave by a closed connection carries its reason: " + leave);
        String reason = leave.get("reason").stringValue();
        JsonLines.assertMatches("{'type':'leave','room':'lobby','seq':8,'ts':'<ts>','user':'erin','reason':"
                + JsonLines.quote(reason) + "}", leave.toString());

        // The text form shows the same reason.
        bob.awaitLine("* erin joined #lobby");
        bob.expectNext("* erin left #lobby (" + reason + ")");
    }

    @Test
    public void joiningARoomGivesAJoinObjectThenAUsersObject() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = jsonUser(users.get(0));
        join(users.get(1), "dev"); // #dev's event 1
        alice.expectNextJson("{'type':'leave','room':'lobby','seq':3,'ts':'<ts>','user':'bob'}");
        alice.send("/join #dev");
        alice.expectNextJson("{'type':'join','room':'dev','seq':2,'ts':'<ts>','user':'alice'}");
        alice.expectNextJson("{'type':'users','room':'dev','users':['alice','bob']}");
    }

    @Test
    public void nickObject() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = jsonUser(users.get(0));
        users.get(1).send("/nick Robert");
        alice.expectNextJson("{'type':'nick','room':'lobby','seq':3,'ts':'<ts>','from':'bob','to':'Robert'}");
    }

    @Test
    public void privateObjectsOnBothSides() {
        List<FakeUser> users = loginAll("alice", "Bob");
        FakeUser alice = jsonUser(users.get(0));
        FakeUser bob = jsonUser(users.get(1));
        alice.send("/msg bob hi there");
        alice.expectNextJson("{'type':'private','from':'alice','to':'Bob','text':'hi there'}");
        bob.expectNextJson("{'type':'private','from':'alice','to':'Bob','text':'hi there'}");
        alice.send("/msg alice me");
        alice.expectNextJson("{'type':'private','from':'alice','to':'alice','text':'me'}");
        alice.expectNextJson("{'type':'private','from':'alice','to':'alice','text':'me'}");
    }

    @Test
    public void usersAndRoomsObjects() {
        List<FakeUser> users = loginAll("carol", "alice", "Bob");
        FakeUser alice = jsonUser(users.get(1));
        alice.send("/who");
        alice.expectNextJson("{'type':'users','room':'lobby','users':['alice','Bob','carol']}");
        join(users.get(0), "dev");
        alice.expectNextJson("{'type':'leave','room':'lobby','seq':4,'ts':'<ts>','user':'carol'}");
        alice.send("/rooms");
        alice.expectNextJson("{'type':'rooms','rooms':[{'room':'dev','users':1},{'room':'lobby','users':2}]}");
        alice.send("/join dev");
        alice.expectNextJson("{'type':'join','room':'dev','seq':2,'ts':'<ts>','user':'alice'}");
        alice.expectNextJson("{'type':'users','room':'dev','users':['alice','carol']}");
        alice.send("/rooms");
        alice.expectNextJson("{'type':'rooms','rooms':[{'room':'dev','users':2},{'room':'lobby','users':1}]}");
    }

    @Test
    public void errorObjectsCarryTheTextWithoutItsPrefix() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = jsonUser(users.get(0));
        String[][] cases = {
            {"/msg zed hi", "no such user: zed"},
            {"/dance now", "unknown command: /dance (try /help)"},
            {"/me", "usage: /me <action>"},
            {"/msg", "usage: /msg <user> <text>"},
            {"/nick", "usage: /nick <name>"},
            {"/join", "usage: /join <room>"},
            {"/join lobby", "already in #lobby"},
            {"/join b@d", INVALID_ROOM.substring(2)},
            {"/nick b@d", INVALID_NAME.substring(2)},
            {"/nick BOB", "name taken: BOB"},
            {"x".repeat(4097), "line too long (max 4096 bytes)"},
        };
        for (String[] c : cases) {
            alice.send(c[0]);
            alice.expectNextJson("{'type':'error','text':" + JsonLines.quote(c[1]) + "}");
        }
    }

    @Test
    public void infoObjectsCarryTheTextWithoutItsPrefix() {
        FakeUser alice = login("alice");
        List<String> textHelp = linesBeforeWho(alice, "/help");
        alice.send("/json");
        alice.expectNextJson(JSON_ON);
        List<String> jsonHelp = linesBeforeWho(alice, "/help");
        assertEquals(textHelp.size(), jsonHelp.size(), "help in json: " + jsonHelp);
        for (int i = 0; i < textHelp.size(); i++) {
            JsonLines.assertMatches("{'type':'info','text':" + JsonLines.quote(textHelp.get(i).substring(2)) + "}",
                    jsonHelp.get(i));
        }
        alice.send("/quit");
        alice.expectNextJson("{'type':'info','text':'bye'}");
        alice.expectClosed();
    }

    @Test
    public void timestampsAreCurrentUtcWithMilliseconds() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = jsonUser(users.get(0));
        for (int i = 0; i < 20; i++) {
            users.get(1).send("tick " + i);
        }
        for (int i = 0; i < 20; i++) {
            ObjectNode message = alice.expectNextJson(
                    "{'type':'message','room':'lobby','seq':'<seq>','ts':'<ts>','from':'bob','text':'tick " + i + "'}");
            Instant ts = JsonLines.assertTimestamp(message.get("ts"), " in " + message);
            Duration skew = Duration.between(ts, Instant.now()).abs();
            assertTrue(skew.compareTo(Duration.ofMinutes(1)) < 0, "ts is not the current UTC time: " + message);
        }
    }

    @Test
    public void seqCountsARoomsEventsFromOneAndRestartsWhenTheRoomIsCreatedAgain() {
        List<FakeUser> users = loginAll("alice", "bob"); // lobby events 1, 2
        FakeUser alice = jsonUser(users.get(0));
        FakeUser bob = jsonUser(users.get(1));

        alice.send("/join fresh");
        alice.expectNextJson("{'type':'join','room':'fresh','seq':1,'ts':'<ts>','user':'alice'}");
        alice.expectNextJson("{'type':'users','room':'fresh','users':['alice']}");
        bob.expectNextJson("{'type':'leave','room':'lobby','seq':3,'ts':'<ts>','user':'alice'}");

        alice.send("one");
        alice.send("/me two");
        alice.expectNextJson("{'type':'message','room':'fresh','seq':2,'ts':'<ts>','from':'alice','text':'one'}");
        alice.expectNextJson("{'type':'action','room':'fresh','seq':3,'ts':'<ts>','from':'alice','text':'two'}");

        bob.send("/join #fresh");
        for (FakeUser member : List.of(alice, bob)) {
            member.expectNextJson("{'type':'join','room':'fresh','seq':4,'ts':'<ts>','user':'bob'}");
        }
        bob.expectNextJson("{'type':'users','room':'fresh','users':['alice','bob']}");

        // Lines that are not room events take no number.
        alice.send("/msg bob psst");
        alice.send("/who");
        alice.send("/nope");
        alice.expectNextJson("{'type':'private','from':'alice','to':'bob','text':'psst'}");
        alice.expectNextJson("{'type':'users','room':'fresh','users':['alice','bob']}");
        alice.expectNextJson("{'type':'error','text':'unknown command: /nope (try /help)'}");
        bob.expectNextJson("{'type':'private','from':'alice','to':'bob','text':'psst'}");

        alice.send("/nick alicia");
        for (FakeUser member : List.of(alice, bob)) {
            member.expectNextJson("{'type':'nick','room':'fresh','seq':5,'ts':'<ts>','from':'alice','to':'alicia'}");
        }
        bob.send("three");
        for (FakeUser member : List.of(alice, bob)) {
            member.expectNextJson("{'type':'message','room':'fresh','seq':6,'ts':'<ts>','from':'bob','text':'three'}");
        }

        bob.send("/join lobby");
        alice.expectNextJson("{'type':'leave','room':'fresh','seq':7,'ts':'<ts>','user':'bob'}");
        bob.awaitLine(line -> JsonLines.isType(line, "users"), "bob's users object for #lobby");

        alice.send("/join lobby"); // #fresh is empty now, so it is gone
        alice.awaitLine(line -> JsonLines.isType(line, "users"), "alicia's users object for #lobby");
        alice.send("/join fresh");
        alice.expectNextJson("{'type':'join','room':'fresh','seq':1,'ts':'<ts>','user':'alicia'}");
    }

    @Test
    public void everyMemberSeesTheSameSeqForTheSameEvent() {
        List<FakeUser> users = loginAll("alice", "bob", "carol");
        FakeUser alice = jsonUser(users.get(0));
        FakeUser bob = jsonUser(users.get(1));
        FakeUser carol = users.get(2);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            carol.send(i % 3 == 0 ? "/me acts " + i : "says " + i);
            // lobby events 1-3 are the three logins
            expected.add((4 + i) + (i % 3 == 0 ? " action acts " : " message says ") + i);
        }
        assertEquals(expected, seqAndText(alice, 30));
        assertEquals(expected, seqAndText(bob, 30));
    }

    @Test
    public void textIsEscapedAsJsonAndSurvivesTheRoundTrip() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = jsonUser(users.get(0));
        String text = "say \"hi\" \\ {not: json} caf\u00E9 \u2713 \uD83D\uDE00 </script>";
        users.get(1).send(text);
        ObjectNode message = alice.nextJson();
        assertEquals(text, message.path("text").asString(null), message.toString());
    }

    @Test
    public void inputStaysTextInJsonMode() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = jsonUser(users.get(0));
        alice.send("{\"type\":\"message\",\"text\":\"fake\"}");
        alice.expectNextJson("{'type':'message','room':'lobby','seq':3,'ts':'<ts>','from':'alice',"
                + "'text':'{\"type\":\"message\",\"text\":\"fake\"}'}");
        users.get(1).expectNext("alice: {\"type\":\"message\",\"text\":\"fake\"}");
    }

    private static FakeUser jsonUser(FakeUser user) {
        user.send("/json");
        user.expectNextJson(JSON_ON);
        return user;
    }

    /** The next {@code count} room events as "seq text" strings, checked for shape on the way. */
    private static List<String> seqAndText(FakeUser user, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode event = user.nextJson();
            String type = event.path("type").asString("");
            assertTrue(type.equals("message") || type.equals("action"), "a room event: " + event);
            JsonLines.assertMatches("{'type':'" + type + "','room':'lobby','seq':'<seq>','ts':'<ts>','from':'carol','text':"
                    + JsonLines.quote(event.path("text").asString("")) + "}", event.toString());
            events.add(event.get("seq").longValue() + " " + type + " " + event.get("text").stringValue());
        }
        return events;
    }

    private static List<String> linesBeforeWho(FakeUser user, String command) {
        user.send(command);
        user.send("/who");
        List<String> lines = new ArrayList<>();
        for (String line = user.nextLine(); !line.startsWith("* users in #") && !JsonLines.isType(line, "users");
                line = user.nextLine()) {
            lines.add(line);
        }
        return lines;
    }
}
