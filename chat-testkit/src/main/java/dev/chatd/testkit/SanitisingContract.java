package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md "Text a user sends is sanitised": controls, escapes and bidi overrides never reach
 * another user's terminal, in messages, names or command arguments; TAB and the Unicode line and
 * paragraph separators arrive as spaces.
 */
public abstract class SanitisingContract extends ServerContract {

    @Test
    public void escapeSequenceLosesItsEscape() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("\u001b[31mred\u001b[0m");
        users.get(1).expectNext("alice: [31mred[0m");
    }

    @Test
    public void c0ControlsAndDelAreRemoved() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("a\u0000b\u0001c\u0007d\u0008e\u000Bf\u000Cg\u001Fh\u007Fi");
        users.get(1).expectNext("alice: abcdefghi");
    }

    @Test
    public void c1ControlsAreRemoved() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("a\u0080b\u0085c\u009Bd\u009Fe");
        users.get(1).expectNext("alice: abcde");
    }

    @Test
    public void bidiControlsAreRemoved() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee\u2066f\u2067g\u2068h\u2069i");
        users.get(1).expectNext("alice: abcdefghi");
    }

    @Test
    public void tabBecomesASpace() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("a\tb");
        users.get(1).expectNext("alice: a b");
    }

    /** v1.1: U+2028 and U+2029 become spaces, so they cannot break a line on a client that honours them. */
    @Test
    public void lineAndParagraphSeparatorsBecomeSpaces() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("a\u2028b\u2029c");
        users.get(1).expectNext("alice: a b c");
        users.get(0).send("hi\u2028* bob left #lobby");
        users.get(1).expectNext("alice: hi * bob left #lobby");
        users.get(0).send("/me waves\u2029goodbye");
        users.get(1).expectNext("* alice waves goodbye");
    }

    @Test
    public void unicodeWhiteSpaceIsTrimmedAtBothEnds() {
        List<FakeUser> users = loginAll("alice", "bob");
        // No-break space is White_Space though Java's Character.isWhitespace says otherwise.
        users.get(0).send("\u00A0\u2003 \thi there\u3000\u00A0 \t");
        users.get(1).expectNext("alice: hi there");
    }

    @Test
    public void lineOfOnlyControlsAndWhiteSpaceIsIgnored() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("\u0007\u001b\u00A0\u202E\t");
        users.get(0).send("after");
        users.get(1).expectNext("alice: after");
        users.get(0).expectNext("alice: after");
    }

    @Test
    public void smuggledLineBreakCannotFakeAServerLine() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send("x\u0085* bob left #lobby"); // NEL is a C1 control
        users.get(1).expectNext("alice: x* bob left #lobby");
    }

    @Test
    public void namesAreSanitisedBeforeTheyAreChecked() {
        FakeUser bob = connectToPrompt();
        bob.send(" \tb\u0007o\u202Eb\u00A0");
        bob.awaitLine("* bob joined #lobby");

        FakeUser evil = connectToPrompt();
        evil.send("\u001b[1mevil"); // "[1mevil" is left, and '[' is not allowed
        evil.expectNext(INVALID_NAME);
    }

    @Test
    public void commandArgumentsAreSanitised() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        alice.send("/me \u001b[5mblinks\u0007");
        bob.expectNext("* alice [5mblinks");
        alice.send("/msg b\u0007ob \u202Edeliver\u0007");
        bob.expectNext("[pm from alice] deliver");
        alice.send("/nick \u202Ealicia\u0007");
        bob.expectNext("* alice is now known as alicia");
        alice.send("/join #d\u0007ev\u202C");
        bob.expectNext("* alicia left #lobby");
        alice.awaitLine("* alicia joined #dev");
        assertEquals("* users in #dev: alicia", alice.nextLine());
    }
}
