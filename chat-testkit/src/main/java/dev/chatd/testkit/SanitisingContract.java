package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/protocol.md "What the server does to your text": controls, escapes and bidi overrides never reach
 * another user's terminal, in messages, names or command arguments; TAB and the Unicode line and
 * paragraph separators arrive as spaces.
 */
public abstract class SanitisingContract extends ServerContract {

    /**
     * One line alice sends, and the one line bob gets for it. Each case is its own test, with its
     * own server and users.
     */
    static Stream<Arguments> sanitisedLines() {
        return Stream.of(
                line("an escape sequence loses its escape",
                        "\u001b[31mred\u001b[0m", "alice: [31mred[0m"),
                line("C0 controls and DEL are removed",
                        "a\u0000b\u0001c\u0007d\u0008e\u000Bf\u000Cg\u001Fh\u007Fi", "alice: abcdefghi"),
                line("C1 controls are removed",
                        "a\u0080b\u0085c\u009Bd\u009Fe", "alice: abcde"),
                line("bidi controls are removed",
                        "\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee\u2066f\u2067g\u2068h\u2069i", "alice: abcdefghi"),
                line("TAB becomes a space",
                        "a\tb", "alice: a b"),
                // v1.1: U+2028 and U+2029 become spaces, so they cannot break a line on a client that honours them.
                line("line and paragraph separators become spaces",
                        "a\u2028b\u2029c", "alice: a b c"),
                line("a line separator cannot fake a server line",
                        "hi\u2028* bob left #lobby", "alice: hi * bob left #lobby"),
                line("a paragraph separator in an action becomes a space",
                        "/me waves\u2029goodbye", "* alice waves goodbye"),
                // No-break space is White_Space though Java's Character.isWhitespace says otherwise.
                line("Unicode white space is trimmed at both ends",
                        "\u00A0\u2003 \thi there\u3000\u00A0 \t", "alice: hi there"),
                line("a smuggled line break (NEL, a C1 control) cannot fake a server line",
                        "x\u0085* bob left #lobby", "alice: x* bob left #lobby"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sanitisedLines")
    public void lineArrivesSanitised(String rule, String sent, String received) {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).send(sent);
        users.get(1).expectNext(received);
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

    private static Arguments line(String rule, String sent, String received) {
        return Arguments.of(rule, sent, received);
    }
}
