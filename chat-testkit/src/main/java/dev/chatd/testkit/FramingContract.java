package dev.chatd.testkit;

import static dev.chatd.testkit.Bytes.bytes;
import static dev.chatd.testkit.Bytes.concat;
import static dev.chatd.testkit.Bytes.utf8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md "Bytes and lines": line ends, lines split across writes, the line length limit, invalid
 * UTF-8 and telnet negotiation.
 *
 * <p>Writes meant to reach the server separately are flushed one by one with TCP_NODELAY, and
 * where it matters another user's round trip is put between them, so the server has almost
 * surely read the first before the second arrives. A pass can be luck; a failure is real.
 */
public abstract class FramingContract extends ServerContract {

    private static final String WELCOME = "Welcome to chatd\r\n";
    private static final String PROMPT = "Username: ";
    private static final String TOO_LONG = "! line too long (max 4096 bytes)";

    private static final int IAC = 0xFF;
    private static final int SB = 0xFA;
    private static final int SE = 0xF0;
    private static final int NOP = 0xF1;

    @Test
    public void lineMayEndInLfCrlfOrCrNulAndACrBeforeAnyOtherByteEndsItToo() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).sendRaw(utf8("one\ntwo\r\nthree\r\0four\rfive\n"));
        for (FakeUser user : users) {
            for (String word : List.of("one", "two", "three", "four", "five")) {
                user.expectNext("alice: " + word);
            }
        }
    }

    @Test
    public void lineEndSplitAcrossWritesIsOneLineEnd() {
        // At the prompt each blank line repeats the prompt, so a line end counted twice would show.
        FakeUser watcher = login("watcher");
        FakeUser user = connectToPrompt();
        user.sendRaw(utf8("\r"));
        roundTrip(watcher);
        user.sendRaw(utf8("\n")); // CR | LF: one blank line
        user.awaitPrompt();
        user.sendRaw(utf8("\r"));
        roundTrip(watcher);
        user.sendRaw(utf8("\0")); // CR | NUL: one blank line
        user.awaitPrompt();
        user.sendRaw(utf8("\r"));
        roundTrip(watcher);
        user.sendRaw(utf8("alice\r")); // CR | other: a blank line, and "alice" starts the next
        roundTrip(watcher);
        user.sendRaw(utf8("\n"));
        user.awaitText(WELCOME + PROMPT.repeat(4) + "* alice joined #lobby\r\n* users in #lobby: alice, watcher\r\n");
    }

    @Test
    public void lineEndSplitAcrossWritesInTheRoom() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        for (String part : List.of("one\r", "\0two\r", "\nthree\r", "four\r", "\r\nfive\r", "\0")) {
            alice.sendRaw(utf8(part));
            roundTrip(bob);
        }
        alice.send("six");
        List<String> fromAlice = new ArrayList<>();
        String line;
        while (!(line = alice.nextLine()).equals("alice: six")) {
            fromAlice.add(line);
        }
        assertEquals(List.of("alice: one", "alice: two", "alice: three", "alice: four", "alice: five"), fromAlice);
    }

    @Test
    public void lineWrittenOneByteAtATimeArrivesWhole() {
        List<FakeUser> users = loginAll("alice", "bob");
        String text = "h\u00E9llo w\u00F6rld \u2713 \uD83D\uDE00";
        users.get(0).sendOneByteAtATime((text + "\r\n").getBytes(UTF_8));
        users.get(1).expectNext("alice: " + text);
        users.get(0).expectNext("alice: " + text);
    }

    @Test
    public void fiveThousandLinesInOneWriteArriveInOrder() {
        List<FakeUser> users = loginAll("alice", "bob");
        StringBuilder burst = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            burst.append("line ").append(i).append("\r\n");
            expected.add("alice: line " + i);
        }
        users.get(0).sendWithoutLineEnd(burst.toString());
        assertSameLines("bob", expected, users.get(1).nextLines(5000));
        assertSameLines("alice", expected, users.get(0).nextLines(5000));
    }

    @Test
    public void lineOfExactlyTheMaximumIsAccepted() {
        List<FakeUser> users = loginAll("alice", "bob");
        String text = "\u20AC".repeat(1365) + "x"; // 3 * 1365 + 1 = 4096 bytes, 1366 characters
        assertEquals(4096, text.getBytes(UTF_8).length);
        users.get(0).send(text);
        users.get(1).expectNext("alice: " + text);
        users.get(0).expectNext("alice: " + text);
    }

    @Test
    public void longerLineIsRefusedAndTheConnectionStaysUsable() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        String text = "\u20AC".repeat(1365) + "xx"; // 4097 bytes but only 1367 characters
        alice.send(text);
        alice.expectNext(TOO_LONG);
        alice.send("ok");
        alice.expectNext("alice: ok");
        users.get(1).expectNext("alice: ok");
    }

    /** Choice (lead): the error is sent once, as soon as the overrun is seen; the rest is dropped. */
    @Test
    public void tooLongErrorComesOnceAndAsSoonAsTheOverrunIsSeen() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        alice.sendWithoutLineEnd("x".repeat(5000));
        alice.expectNext(TOO_LONG); // no line end sent yet
        alice.sendWithoutLineEnd("y".repeat(5000));
        alice.send("z");
        alice.send("ok");
        alice.expectNext("alice: ok");
        users.get(1).expectNext("alice: ok");
    }

    @Test
    public void maximumLineLengthIsConfigurable() {
        startServer(config().withMaxLineBytes(100));
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        alice.send("x".repeat(101));
        alice.expectNext("! line too long (max 100 bytes)");
        alice.send("y".repeat(100));
        alice.expectNext("alice: " + "y".repeat(100));
        users.get(1).expectNext("alice: " + "y".repeat(100));
    }

    @Test
    public void invalidUtf8BecomesOneReplacementPerMaximalInvalidSubsequence() {
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser alice = users.get(0);
        // Unicode 15, section 3.9, "U+FFFD Substitution of Maximal Subparts".
        Object[][] cases = {
            {bytes('a', 0xFE, 'b'), "a\uFFFDb"},                     // never valid
            {bytes('a', 0x80, 'b'), "a\uFFFDb"},                     // lone continuation byte
            {bytes('a', 0xE2, 0x82, 'b'), "a\uFFFDb"},               // truncated 3-byte sequence: one subpart
            {bytes('a', 0xF0, 0x9F, 0x98, 'b'), "a\uFFFDb"},         // truncated 4-byte sequence: one subpart
            {bytes('a', 0xC0, 0xAF, 'b'), "a\uFFFD\uFFFDb"},         // C0 never starts a sequence (overlong)
            {bytes('a', 0xE0, 0x80, 0x80, 'b'), "a\uFFFD\uFFFD\uFFFDb"},       // E0 needs A0-BF next
            {bytes('a', 0xED, 0xA0, 0x80, 'b'), "a\uFFFD\uFFFD\uFFFDb"},       // a surrogate: ED needs 80-9F next
            {bytes('a', 0xF4, 0x90, 0x80, 0x80, 'b'), "a\uFFFD\uFFFD\uFFFD\uFFFDb"}, // beyond U+10FFFF
            {bytes('a', 0xF5, 0x80, 'b'), "a\uFFFD\uFFFDb"},         // F5 never valid
            {bytes('a', 0xE2, 0x82), "a\uFFFD"},                     // truncated at the line end
        };
        for (Object[] c : cases) {
            byte[] line = (byte[]) c[0];
            alice.sendRaw(concat(line, utf8("\r\n")));
            users.get(1).expectNext("alice: " + c[1]);
        }
        alice.send("still here");
        users.get(1).expectNext("alice: still here");
    }

    @Test
    public void iacIacIsDropped() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).sendRaw(bytes('a', IAC, IAC, 'b', '\r', '\n'));
        users.get(1).expectNext("alice: ab");
    }

    @Test
    public void optionNegotiationIsStripped() {
        List<FakeUser> users = loginAll("alice", "bob");
        // The option byte is a printable 'Z' so that a server keeping it would show it.
        for (int verb : new int[] {0xFB, 0xFC, 0xFD, 0xFE}) { // WILL, WONT, DO, DONT
            users.get(0).sendRaw(bytes('a', IAC, verb, 'Z', 'b', '\r', '\n'));
            users.get(1).expectNext("alice: ab");
        }
    }

    @Test
    public void subnegotiationIsStripped() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).sendRaw(concat(bytes('a', IAC, SB, 0x18, 0x00), utf8("xterm"), bytes(IAC, SE, 'b', '\r', '\n')));
        users.get(1).expectNext("alice: ab");
        users.get(0).sendRaw(bytes('c', IAC, SB, 0x1F, 0x00, 0x50, IAC, IAC, 'q', IAC, SE, 'd', '\r', '\n'));
        users.get(1).expectNext("alice: cd");
    }

    @Test
    public void otherCommandsAreStripped() {
        List<FakeUser> users = loginAll("alice", "bob");
        for (int command = 0xF0; command <= 0xF9; command++) { // SE, NOP, DM, BRK, IP, AO, AYT, EC, EL, GA
            users.get(0).sendRaw(bytes('a', IAC, command, 'b', '\r', '\n'));
            users.get(1).expectNext("alice: ab");
        }
    }

    @Test
    public void telnetSequencesSplitAcrossWritesAreStillStripped() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).sendOneByteAtATime(concat(bytes('a', IAC, 0xFB, 'Z', IAC, SB, 0x18, 0x00), utf8("vt100"),
                bytes(IAC, SE, IAC, NOP, IAC, IAC, 'b', '\r', '\n')));
        users.get(1).expectNext("alice: ab");
    }

    @Test
    public void lineLengthIsCountedAfterTelnetStripping() {
        List<FakeUser> users = loginAll("alice", "bob");
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i < 4096; i++) {
            if (i % 32 == 0) {
                line.writeBytes(bytes(IAC, NOP)); // 256 extra bytes in all
            }
            line.write('x');
        }
        line.writeBytes(utf8("\r\n"));
        users.get(0).sendRaw(line.toByteArray());
        users.get(1).expectNext("alice: " + "x".repeat(4096));
    }

    @Test
    public void telnetClientNegotiatingAtThePromptLogsInNormallyAndIsAnsweredOnlyInNegotiation() {
        FakeUser user = connect();
        // What a typical telnet client sends first: DO SGA, WILL TTYPE, WILL NAWS, then the window size.
        user.sendRaw(bytes(IAC, 0xFD, 0x03, IAC, 0xFB, 0x18, IAC, 0xFB, 0x1F,
                IAC, SB, 0x1F, 0x00, 0x50, 0x00, 0x18, IAC, SE));
        user.awaitPrompt();
        user.sendRaw(utf8("alice\r\0")); // telnet's line end
        user.awaitLine("* alice joined #lobby");
        user.awaitLine("* users in #lobby: alice");
        // The refusals (and the DO BINARY offer) are negotiation only: the lines are the usual ones.
        assertEquals(List.of("Welcome to chatd", "* alice joined #lobby", "* users in #lobby: alice"), user.lines());
        assertEquals(1, user.prompts());
    }

    /** Lets the server run: another user's command and its reply. */
    private static void roundTrip(FakeUser other) {
        other.send("/who");
        other.awaitLineStartingWith("* users in #");
    }
}
