package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/protocol.md "Logging in": the welcome, the prompt, the name rules and what joining shows. */
public abstract class LoginContract extends ServerContract {

    private static final String WELCOME = "Welcome to chatd\r\n";
    private static final String PROMPT = "Username: ";

    @Test
    public void welcomeNamesTheConfiguredServerAndPromptHasNoLineEnd() {
        startServer(config().withName("Test Chat Ω"));
        FakeUser user = connect();
        user.awaitText("Welcome to Test Chat Ω\r\nUsername: ");
    }

    @Test
    public void loginJoinsTheLobbyAndListsItsUsers() {
        FakeUser alice = connectToPrompt();
        alice.send("alice");
        alice.awaitText(WELCOME + PROMPT + "* alice joined #lobby\r\n* users in #lobby: alice\r\n");
    }

    @Test
    public void joinIsShownToEveryoneInTheLobbyAndTheUsersLineOnlyToTheNewcomer() {
        FakeUser alice = login("alice");
        FakeUser bob = connectToPrompt();
        bob.send("bob");
        bob.awaitText(WELCOME + PROMPT + "* bob joined #lobby\r\n* users in #lobby: alice, bob\r\n");
        alice.expectNext("* bob joined #lobby");
        alice.expectNothingElse();
    }

    @Test
    public void usersLineIsSortedCaseInsensitively() {
        // Sorted by code point this would be "Carol, Dave, alice, bob".
        loginAll("bob", "Dave", "alice");
        FakeUser carol = connectToPrompt();
        carol.send("Carol");
        carol.awaitLine("* Carol joined #lobby");
        carol.expectNext("* users in #lobby: alice, bob, Carol, Dave");
    }

    @Test
    public void emptyOrWhiteLinesRepeatThePrompt() {
        FakeUser user = connectToPrompt();
        user.send("");
        user.send("   ");
        user.send("\t \u00A0\u3000"); // TAB, space, no-break space, ideographic space: all White_Space
        user.awaitText(WELCOME + PROMPT + PROMPT + PROMPT + PROMPT);
    }

    /** Choice: sanitising comes first, so a line of only control characters is empty, hence blank. */
    @Test
    public void lineOfOnlyControlCharactersRepeatsThePrompt() {
        FakeUser user = connectToPrompt();
        user.send("\u0007\u001b\u202E");
        user.awaitText(WELCOME + PROMPT + PROMPT);
    }

    @Test
    public void invalidNamesGetTheErrorAndThePromptAgain() {
        List<String> invalid = List.of(
                "two words", "colon:", "star*", "bang!", "[bracket", "dot.", "at@", "pipe|", "#hash",
                "smile\uD83D\uDE00", // an emoji is a symbol (So), not a letter
                "x\u0301",           // NFC has no precomposed x-acute, so a combining mark (Mn) stays
                "a".repeat(33));
        FakeUser user = connectToPrompt();
        StringBuilder expected = new StringBuilder(WELCOME + PROMPT);
        for (String name : invalid) {
            user.send(name);
            user.expectNext(INVALID_NAME);
            user.awaitPrompt();
            expected.append(INVALID_NAME).append("\r\n").append(PROMPT);
        }
        user.awaitText(expected.toString());
    }

    @Test
    public void nameOf32CodePointsIsAcceptedAnd33IsNot() {
        FakeUser ascii = connectToPrompt();
        ascii.send("a".repeat(33));
        ascii.expectNext(INVALID_NAME);
        ascii.login("a".repeat(32));

        // U+10400 is an upper-case letter outside the BMP: 32 code points, 64 UTF-16 units, 128 bytes.
        String deseret = "\uD801\uDC00";
        FakeUser wide = connectToPrompt();
        wide.send(deseret.repeat(33));
        wide.expectNext(INVALID_NAME);
        wide.login(deseret.repeat(32));

        FakeUser single = connect();
        single.login("x");
    }

    @Test
    public void nameIsNfcNormalisedBeforeItIsCheckedAndShown() {
        FakeUser zoe = connectToPrompt();
        zoe.send("Zoe\u0308"); // e + combining diaeresis
        zoe.awaitLine("* Zo\u00EB joined #lobby");

        // 64 code points as typed, 32 after NFC: accepted.
        FakeUser acute = connectToPrompt();
        acute.send("e\u0301".repeat(32));
        acute.awaitLine("* " + "\u00E9".repeat(32) + " joined #lobby");

        FakeUser other = connectToPrompt();
        other.send("zo\u00EB");
        other.expectNext("! name taken: zo\u00EB");
    }

    @Test
    public void takenNameIsRefusedInAnyCaseAndShownAsTyped() {
        login("Alice");
        login("\u00C9mile");
        FakeUser user = connectToPrompt();
        for (String name : List.of("Alice", "alice", "ALICE", "aLiCe", "\u00E9mile", "\u00C9MILE")) {
            user.send(name);
            user.expectNext("! name taken: " + name);
            user.awaitPrompt();
        }
        user.send("alice2");
        user.awaitLine("* alice2 joined #lobby");
    }

    /** v1.1: look-alike names are one name; the reply shows the name as it was typed. */
    @Test
    public void lookAlikesOfAHeldNameAreTakenAndShownAsTyped() {
        login("alice");
        FakeUser user = connectToPrompt();
        for (String name : List.of(
                "\u0430lice",                        // Cyrillic а
                "\uFF41\uFF4C\uFF49\uFF43\uFF45",    // fullwidth ａｌｉｃｅ
                "\u0251lice",                        // ɑ LATIN SMALL LETTER ALPHA
                "\u0391LICE",                        // Greek capital alpha, then Latin
                "alice\u3164")) {                    // a trailing HANGUL FILLER, an invisible letter
            user.send(name);
            user.expectNext("! name taken: " + name);
            user.awaitPrompt();
        }
        user.send("alicia");
        user.awaitLine("* alicia joined #lobby");
    }

    @Test
    public void sharpSAndDoubleSAreOneName() {
        login("Stra\u00DFe");
        FakeUser user = connectToPrompt();
        for (String name : List.of("STRASSE", "strasse", "STRA\u1E9EE")) {
            user.send(name);
            user.expectNext("! name taken: " + name);
            user.awaitPrompt();
        }
    }

    /** The users line sorts the names as held, ignoring case, not by their look-alike keys. */
    @Test
    public void usersLineIsSortedByTheNamesNotByTheirLookAlikeKeys() {
        // Mallory's key is "rnallory", which would put her after ola.
        loginAll("ola", "nick");
        FakeUser mallory = connectToPrompt();
        mallory.send("Mallory");
        mallory.awaitLine("* Mallory joined #lobby");
        mallory.expectNext("* users in #lobby: Mallory, nick, ola");
    }

    @Test
    public void namesAreUniqueAcrossRooms() {
        FakeUser bob = login("bob");
        join(bob, "dev");
        FakeUser user = connectToPrompt();
        user.send("BOB");
        user.expectNext("! name taken: BOB");
    }

    @Test
    public void nameKeepsTheCaseItWasTypedIn() {
        FakeUser bob = login("bob");
        FakeUser alice = connect();
        assertEquals("* users in #lobby: AlIcE, bob", alice.login("AlIcE"));
        bob.expectNext("* AlIcE joined #lobby");
        bob.send("/who");
        bob.expectNext("* users in #lobby: AlIcE, bob");
    }

    @Test
    public void namesMayUseLettersOfAnyScriptDecimalDigitsUnderscoreAndHyphen() {
        for (String name : List.of("\u65E5\u672C\u8A9E", "\u03A9mega", "x_y-z", "123", "-", "_",
                "\u0663\u0664", "\u0394_9")) {
            login(name);
        }
    }

    @Test
    public void connectionEndingAtThePromptLeavesNoTrace() {
        startServer(config().withMaxUsers(2));
        FakeUser bob = login("bob");
        FakeUser ghost = connectToPrompt();
        ghost.send("not valid!");
        ghost.expectNext(INVALID_NAME);
        ghost.send("BOB");
        ghost.expectNext("! name taken: BOB");
        ghost.close();

        // Only once the ghost's place is free can a third connection get in.
        FakeUser carol = awaitAdmitted();
        assertEquals("* users in #lobby: bob, carol", carol.login("carol"));
        bob.expectNext("* carol joined #lobby");
        bob.expectNothingElse();
    }

    /**
     * Choice: a reset is an error, not an end of input, so a partial name before it is dropped and
     * the name stays free.
     */
    @Test
    public void connectionResetDuringANameLeavesNoTraceAndTheNameFree() {
        startServer(config().withMaxUsers(2));
        FakeUser bob = login("bob");
        FakeUser ghost = connectToPrompt();
        ghost.sendWithoutLineEnd("carol");
        ghost.abort();

        FakeUser carol = awaitAdmitted();
        assertEquals("* users in #lobby: bob, carol", carol.login("carol"));
        bob.expectNext("* carol joined #lobby");
        bob.expectNothingElse();
    }

    /** docs/protocol.md: {@code printf alice | nc host port} is no login, and leaves no trace. */
    @Test
    public void halfANameWhenTheConnectionClosesIsNoLoginAttempt() {
        startServer(config().withMaxUsers(2));
        FakeUser bob = login("bob");
        FakeUser ghost = connectToPrompt();
        ghost.sendWithoutLineEnd("alice");
        ghost.close();

        FakeUser alice = awaitAdmitted();
        assertEquals("* users in #lobby: alice, bob", alice.login("alice"));
        bob.expectNext("* alice joined #lobby"); // no join and leave of a ghost alice before it
        bob.expectNothingElse();
    }

    @Test
    public void halfANameBeforeAHalfCloseIsNoLoginAttempt() {
        FakeUser bob = login("bob");
        FakeUser ghost = connectToPrompt();
        ghost.sendWithoutLineEnd("alice");
        ghost.shutdownOutput();
        ghost.awaitClosed();
        assertEquals("Welcome to chatd\r\nUsername: ", ghost.text(), "no join, no users line");
        bob.expectNothingElse();
        assertEquals("* users in #lobby: alice, bob", connect().login("alice"), "the name was never taken");
    }
}
