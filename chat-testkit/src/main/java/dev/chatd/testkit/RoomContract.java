package dev.chatd.testkit;

import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/protocol.md on rooms: /join, /who, /rooms, room names, and which room hears what. */
public abstract class RoomContract extends ServerContract {

    @Test
    public void joinTellsTheOldRoomWithoutTheMoverAndTheNewRoomWithThem() {
        List<FakeUser> users = loginAll("alice", "bob", "carol");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        FakeUser carol = users.get(2);
        bob.send("/join dev");
        bob.expectNext("* bob joined #dev");
        bob.expectNext("* users in #dev: bob");
        alice.expectNext("* bob left #lobby");
        carol.expectNext("* bob left #lobby");

        alice.send("/join dev");
        alice.expectNext("* alice joined #dev");
        alice.expectNext("* users in #dev: alice, bob");
        bob.expectNext("* alice joined #dev");
        carol.expectNext("* alice left #lobby");
        bob.expectNothingElse();
        carol.expectNothingElse();
    }

    @Test
    public void joinAcceptsALeadingHash() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("/join #dev");
        users.get(0).expectNext("* alice joined #dev");
        users.get(0).expectNext("* users in #dev: alice");
        users.get(1).expectNext("* alice left #lobby");
    }

    @Test
    public void roomNamesAreKeptInLowerCaseAndNfc() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        alice.send("/join #DeV");
        alice.expectNext("* alice joined #dev");
        alice.expectNext("* users in #dev: alice");
        bob.expectNext("* alice left #lobby");
        bob.send("/join DEV");
        bob.expectNext("* bob joined #dev");
        bob.expectNext("* users in #dev: alice, bob");
        alice.expectNext("* bob joined #dev");

        alice.send("/join #\u00C9T\u00C9");
        alice.expectNext("* alice joined #\u00E9t\u00E9");
        alice.expectNext("* users in #\u00E9t\u00E9: alice");
        alice.send("/join #e\u0301te\u0301"); // the same name once normalised
        alice.expectNext("! already in #\u00E9t\u00E9");
    }

    @Test
    public void joiningTheRoomYouAreInIsRefused() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        alice.send("/join lobby");
        alice.expectNext("! already in #lobby");
        alice.send("/join #LOBBY");
        alice.expectNext("! already in #lobby");
        join(alice, "dev");
        alice.send("/join #Dev");
        alice.expectNext("! already in #dev");
        users.get(1).expectNext("* alice left #lobby");
        users.get(1).expectNothingElse();
    }

    /** Choice: {@code /join #} names the empty room, so it is an invalid room, not a missing argument. */
    @Test
    public void badRoomNamesAreRefused() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        for (String room : List.of("b@d", "##dev", "#", "dev.null", "dev:ops", "r".repeat(33), "#" + "r".repeat(33))) {
            alice.send("/join " + room);
            alice.expectNext(INVALID_ROOM);
        }
        users.get(1).expectNothingElse();
        alice.send("/join " + "r".repeat(32));
        alice.expectNext("* alice joined #" + "r".repeat(32));
    }

    @Test
    public void linesStayInTheirRoom() {
        List<FakeUser> users = loginAll("alice", "bob", "carol");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        FakeUser carol = users.get(2);
        join(alice, "dev");
        join(bob, "dev");
        carol.awaitLine("* bob left #lobby");
        alice.awaitLine("* bob joined #dev");

        alice.send("in dev");
        alice.send("/me is in dev");
        alice.send("/nick alicia");
        for (FakeUser member : List.of(alice, bob)) {
            member.expectNext("alice: in dev");
            member.expectNext("* alice is in dev");
            member.expectNext("* alice is now known as alicia");
        }
        carol.send("in lobby");
        carol.expectNext("carol: in lobby");
        alice.expectNothingElse();
        bob.expectNothingElse();
    }

    @Test
    public void whoListsTheCurrentRoom() {
        List<FakeUser> users = loginAll("carol", "bob", "alice");
        join(users.get(1), "dev");
        join(users.get(2), "dev");
        users.get(2).send("/who");
        users.get(2).expectNext("* users in #dev: alice, bob");
        users.get(0).send("/who");
        users.get(0).awaitLine("* users in #lobby: carol");
    }

    @Test
    public void roomsAreListedByNameWithTheirCounts() {
        List<FakeUser> users = loginAll("a", "b", "c", "d");
        join(users.get(0), "zed");
        join(users.get(1), "abc");
        users.get(2).send("/rooms");
        users.get(2).awaitLine("* rooms: #abc (1), #lobby (2), #zed (1)");
    }

    @Test
    public void lobbyIsListedEvenWhenEmpty() {
        FakeUser alice = login("alice");
        join(alice, "dev");
        alice.send("/rooms");
        alice.expectNext("* rooms: #dev (1), #lobby (0)");
    }

    @Test
    public void roomVanishesWhenItsLastUserLeaves() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        join(alice, "dev");
        alice.send("/join lobby");
        alice.expectNext("* alice joined #lobby");
        alice.expectNext("* users in #lobby: alice, bob");
        alice.send("/rooms");
        alice.expectNext("* rooms: #lobby (2)");

        join(bob, "tmp");
        alice.awaitLine("* bob left #lobby");
        bob.send("/quit");
        bob.awaitLine("* bye");
        bob.awaitClosed();
        alice.send("/rooms");
        alice.expectNext("* rooms: #lobby (1)");
    }

    @Test
    public void joiningTheLobbyAgainShowsItsUsers() {
        List<FakeUser> users = loginAll("alice", "bob", "carol");
        FakeUser alice = users.get(0);
        join(alice, "dev");
        join(users.get(1), "dev");
        users.get(2).awaitLine("* bob left #lobby");
        alice.awaitLine("* bob joined #dev");

        alice.send("/join #lobby");
        alice.expectNext("* alice joined #lobby");
        alice.expectNext("* users in #lobby: alice, carol");
        users.get(1).expectNext("* alice left #dev");
        users.get(2).expectNext("* alice joined #lobby");
    }
}
