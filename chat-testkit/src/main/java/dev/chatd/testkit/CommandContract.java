package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/protocol.md "Chatting": every row of the table and its errors. */
public abstract class CommandContract extends ServerContract {

    private static final List<String> COMMANDS =
            List.of("/me", "/msg", "/nick", "/join", "/who", "/rooms", "/history", "/help", "/json", "/text", "/quit");

    @Test
    public void plainLineGoesToEveryoneInTheRoomSenderIncluded() {
        List<FakeUser> users = loginAll("alice", "bob", "carol");
        users.get(0).send("hello");
        for (FakeUser user : users) {
            user.expectNext("alice: hello");
        }
    }

    @Test
    public void emptyOrWhiteLinesAreIgnored() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        alice.send("");
        alice.send("   ");
        alice.send("\t");
        alice.send("after");
        alice.expectNext("alice: after");
        users.get(1).expectNext("alice: after");
    }

    @Test
    public void doubleSlashSendsAPlainLineStartingWithSlash() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("//etc");
        users.get(0).send("//me waves");
        for (FakeUser user : users) {
            user.expectNext("alice: /etc");
            user.expectNext("alice: /me waves");
        }
    }

    @Test
    public void meSendsAnActionToTheRoom() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("/me waves");
        for (FakeUser user : users) {
            user.expectNext("* alice waves");
        }
    }

    @Test
    public void msgGoesOnlyToTheRecipientInWhateverRoom() {
        List<FakeUser> users = loginAll("alice", "bob", "carol");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        FakeUser carol = users.get(2);
        join(bob, "dev");
        alice.awaitLine("* bob left #lobby");
        carol.awaitLine("* bob left #lobby");

        alice.send("/msg bob hi there");
        bob.expectNext("[pm from alice] hi there");
        alice.expectNext("[pm to bob] hi there");
        carol.expectNothingElse();
        bob.expectNothingElse();
    }

    @Test
    public void msgShowsTheRecipientsNameAsTheyHoldIt() {
        List<FakeUser> users = loginAll("alice", "Bob");
        users.get(0).send("/msg bOB hi");
        users.get(0).expectNext("[pm to Bob] hi");
        users.get(1).expectNext("[pm from alice] hi");
    }

    /** v1.1: a look-alike of a name finds its holder, and the lines show the name as held. */
    @Test
    public void msgFindsTheRecipientByALookAlikeOfTheirName() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        bob.send("/msg \uFF21\uFF2C\uFF29\uFF23\uFF25 hi"); // fullwidth ＡＬＩＣＥ
        bob.expectNext("[pm to alice] hi");
        alice.expectNext("[pm from bob] hi");
        bob.send("/msg \u0430lice again"); // Cyrillic а
        bob.expectNext("[pm to alice] again");
        alice.expectNext("[pm from bob] again");
    }

    @Test
    public void msgToAnUnknownUserNamesThemAsTyped() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("/msg Zed hi");
        users.get(0).expectNext("! no such user: Zed");
        users.get(1).expectNothingElse();
    }

    /** Choice (lead): a message to yourself shows both lines. */
    @Test
    public void msgToYourselfShowsBothLines() {
        FakeUser alice = login("alice");
        alice.send("/msg alice note to self");
        assertEquals(Set.of("[pm from alice] note to self", "[pm to alice] note to self"),
                Set.copyOf(alice.nextLines(2)));
        alice.expectNothingElse();
    }

    @Test
    public void nickRenamesTheUserAndTellsTheRoom() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        alice.send("/nick alicia");
        alice.expectNext("* alice is now known as alicia");
        bob.expectNext("* alice is now known as alicia");

        alice.send("hi");
        bob.expectNext("alicia: hi");
        bob.send("/msg alicia psst");
        alice.expectNext("alicia: hi");
        alice.expectNext("[pm from bob] psst");
        bob.expectNext("[pm to alicia] psst");
        bob.send("/msg alice psst");
        bob.expectNext("! no such user: alice");

        assertEquals("* users in #lobby: alice, alicia, bob", connect().login("alice")); // the old name is free
        bob.expectNext("* alice joined #lobby");
    }

    @Test
    public void nickMayChangeOnlyTheCase() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("/nick ALICE");
        for (FakeUser user : users) {
            user.expectNext("* alice is now known as ALICE");
        }
    }

    /**
     * Only a change of case: a look-alike of your own name is refused as it would be at login
     * (PROTOCOL.md: "same rules and errors as at login; a change of case only is allowed"), and
     * the name stays yours as you spelled it.
     */
    @Test
    public void nickToALookAlikeOfYourOwnNameIsRefused() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        for (String name : List.of("\u0430lice", "\uFF41\uFF4C\uFF49\uFF43\uFF45", "\u0251lice")) {
            alice.send("/nick " + name);
            alice.expectNext("! name taken: " + name);
        }
        bob.send("/who");
        bob.expectNext("* users in #lobby: alice, bob");
        FakeUser other = connectToPrompt();
        other.send("\u0430lice");
        other.expectNext("! name taken: \u0430lice");
    }

    @Test
    public void nickMayChangeTheCaseByTheFullCaseRules() {
        List<FakeUser> users = loginAll("Straße", "bob");
        users.get(0).send("/nick STRASSE");
        for (FakeUser user : users) {
            user.expectNext("* Straße is now known as STRASSE");
        }
    }

    @Test
    public void nickToALookAlikeOfSomeoneElsesNameIsRefused() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser bob = users.get(1);
        for (String name : List.of("\u0430lice", "\uFF41\uFF4C\uFF49\uFF43\uFF45", "\u0251lice", "ALICE")) {
            bob.send("/nick " + name);
            bob.expectNext("! name taken: " + name);
        }
        users.get(0).expectNothingElse();
    }

    /** Choice (lead): a nick to exactly your current name does nothing at all. */
    @Test
    public void nickToYourExactNameDoesNothing() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("/nick alice");
        users.get(0).expectNothingElse();
        users.get(1).expectNothingElse();
    }

    @Test
    public void nickToATakenNameIsRefusedEvenInAnotherRoom() {
        List<FakeUser> users = loginAll("alice", "bob", "carol");
        FakeUser alice = users.get(0);
        join(users.get(2), "dev");
        alice.awaitLine("* carol left #lobby");
        users.get(1).awaitLine("* carol left #lobby");

        alice.send("/nick BOB");
        alice.expectNext("! name taken: BOB");
        alice.send("/nick Carol");
        alice.expectNext("! name taken: Carol");
        users.get(1).expectNothingElse();
    }

    @Test
    public void nickFollowsTheNameRules() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        alice.send("/nick b@d");
        alice.expectNext(INVALID_NAME);
        alice.send("/nick " + "n".repeat(33));
        alice.expectNext(INVALID_NAME);
        alice.send("/nick " + "n".repeat(32));
        alice.expectNext("* alice is now known as " + "n".repeat(32));
        alice.send("/nick Zoe\u0308");
        alice.expectNext("* " + "n".repeat(32) + " is now known as Zo\u00EB");
        users.get(1).expectNext("* alice is now known as " + "n".repeat(32));
        users.get(1).expectNext("* " + "n".repeat(32) + " is now known as Zo\u00EB");
    }

    @Test
    public void whoListsTheRoomToTheAskerOnly() {
        List<FakeUser> users = loginAll("bob", "alice");
        users.get(1).send("/who");
        users.get(1).expectNext("* users in #lobby: alice, bob");
        users.get(0).send("/rooms"); // a reply only bob gets, to prove he got nothing before it
        users.get(0).expectNext("* rooms: #lobby (2)");
    }

    /**
     * Choice: "one {@code * } line per command": one line naming each of the ten commands, plus at
     * most one more explaining the {@code //} escape (which is not a command of its own).
     */
    @Test
    public void helpShowsOneNoticeLinePerCommand() {
        FakeUser alice = login("alice");
        List<String> help = helpLines(alice, "/help");
        assertTrue(help.stream().allMatch(line -> line.startsWith("* ")), "every help line is a notice: " + help);
        for (String command : COMMANDS) {
            Pattern mentioned = Pattern.compile("(^|\\s)" + Pattern.quote(command) + "(\\s|$)");
            assertTrue(help.stream().anyMatch(line -> mentioned.matcher(line).find()),
                    command + " is not explained: " + help);
        }
        long commandLines = help.stream().filter(line -> !line.startsWith("* //")).count();
        assertEquals(COMMANDS.size(), commandLines, "one line per command: " + help);
        assertTrue(help.size() <= COMMANDS.size() + 1, "one line per command, and maybe one for //: " + help);
    }

    @Test
    public void quitTellsTheRoomWithoutAReasonSaysByeAndCloses() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        alice.send("/quit");
        users.get(1).expectNext("* alice left #lobby");
        alice.expectNext("* bye");
        alice.expectClosed();
        login("alice"); // the name is free again
    }

    @Test
    public void unknownCommandShowsOnlyTheCommandWord() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        alice.send("/dance wildly now");
        alice.expectNext("! unknown command: /dance (try /help)");
        alice.send("/mewaves"); // the command word runs to the first space
        alice.expectNext("! unknown command: /mewaves (try /help)");
        users.get(1).expectNothingElse();
    }

    @Test
    public void commandsWithoutTheirArgumentShowTheirUsage() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        String[][] cases = {
            {"/me", "! usage: /me <action>"},
            {"/me   ", "! usage: /me <action>"},
            {"/msg", "! usage: /msg <user> <text>"},
            {"/msg bob", "! usage: /msg <user> <text>"},
            {"/msg bob  \t", "! usage: /msg <user> <text>"},
            {"/nick", "! usage: /nick <name>"},
            {"/join", "! usage: /join <room>"},
        };
        for (String[] c : cases) {
            alice.send(c[0]);
            alice.expectNext(c[1]);
        }
        users.get(1).expectNothingElse();
    }

    @Test
    public void commandWordsAreCaseInsensitive() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        alice.send("/ME waves");
        alice.expectNext("* alice waves");
        bob.expectNext("* alice waves");
        alice.send("/Msg bob hi");
        alice.expectNext("[pm to bob] hi");
        bob.expectNext("[pm from alice] hi");
        alice.send("/WHO");
        alice.expectNext("* users in #lobby: alice, bob");
        alice.send("/ROOMS");
        alice.expectNext("* rooms: #lobby (2)");
        assertEquals(helpLines(alice, "/help"), helpLines(alice, "/HeLp"));
        alice.send("/NICK alicia");
        alice.expectNext("* alice is now known as alicia");
        bob.expectNext("* alice is now known as alicia");
        alice.send("/JSON");
        alice.expectNextJson("{'type':'info','text':'output is now json'}");
        alice.send("/Text");
        alice.expectNext("* output is now text");
        alice.send("/JOIN dev");
        alice.expectNext("* alicia joined #dev");
        alice.expectNext("* users in #dev: alicia");
        bob.expectNext("* alicia left #lobby");
        alice.send("/QUIT");
        alice.expectNext("* bye");
        alice.expectClosed();
    }

    /** Choice (lead): commands that take no argument ignore extra words. */
    @Test
    public void commandsWithoutArgumentsIgnoreExtraWords() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        alice.send("/who is here");
        alice.expectNext("* users in #lobby: alice, bob");
        alice.send("/rooms please");
        alice.expectNext("* rooms: #lobby (2)");
        assertEquals(helpLines(alice, "/help"), helpLines(alice, "/help me"));
        alice.send("/json please");
        alice.expectNextJson("{'type':'info','text':'output is now json'}");
        alice.send("/text please");
        alice.expectNext("* output is now text");
        alice.send("/quit for today");
        users.get(1).expectNext("* alice left #lobby");
        alice.expectNext("* bye");
        alice.expectClosed();
    }

    /** Sends a help command, then /who as a marker, and returns the lines in between. */
    private static List<String> helpLines(FakeUser user, String command) {
        user.send(command);
        user.send("/who");
        List<String> lines = new ArrayList<>();
        for (String line = user.nextLine(); !line.startsWith("* users in #"); line = user.nextLine()) {
            lines.add(line);
        }
        return lines;
    }
}
