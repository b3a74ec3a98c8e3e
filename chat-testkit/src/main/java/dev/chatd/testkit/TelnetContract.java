package dev.chatd.testkit;

import static dev.chatd.testkit.Bytes.bytes;
import static dev.chatd.testkit.Bytes.concat;
import static dev.chatd.testkit.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Telnet negotiation is answered, never started (docs/protocol.md, "Bytes and lines"; docs/protocol.md):
 * {@code DO TIMING-MARK} gets {@code WILL TIMING-MARK} after the output owed for the input before
 * it; BINARY is agreed both ways; everything else is refused, and nothing is answered that changes
 * nothing; the first command brings the server's {@code DO BINARY}; {@code IAC AYT} gets
 * {@code * still here}. Checked on the raw bytes each client receives.
 */
public abstract class TelnetContract extends ServerContract {

    private static final int IAC = 0xFF;
    private static final int WILL = 251;
    private static final int WONT = 252;
    private static final int DO = 253;
    private static final int DONT = 254;
    private static final int IP = 244;
    private static final int AYT = 246;
    private static final int NOP = 241;
    private static final int BINARY = 0;
    private static final int ECHO = 1;
    private static final int SGA = 3;
    private static final int TIMING_MARK = 6;
    private static final int NAWS = 31;

    /** What inetutils telnet sends for Ctrl-C. */
    private static final byte[] CTRL_C = bytes(IAC, IP, IAC, DO, TIMING_MARK);
    /** The server's offer after a client's first command. */
    private static final byte[] ASK_BINARY = bytes(IAC, DO, BINARY);

    @Test
    public void aClientThatSendsNoTelnetCommandNeverReceivesOne() {
        FakeUser quiet = login("quiet");
        FakeUser telnet = login("telnet");
        quiet.awaitLine("* telnet joined #lobby");
        telnet.sendRaw(concat(CTRL_C, bytes(IAC, DO, ECHO, IAC, WILL, BINARY, IAC, AYT), utf8("hi\r\n")));
        quiet.awaitLine("telnet: hi");
        // A Latin-1 "ÿ" from a raw client is no command either.
        quiet.sendRaw(concat(utf8("caf"), bytes(IAC), utf8("\r\n")));
        quiet.awaitLineStartingWith("quiet: caf");
        quiet.expectNothingElse();
        assertNoIac(quiet);
    }

    @Test
    public void timingMarkComesAfterTheOutputOwedForTheInputBeforeIt() {
        FakeUser alice = login("alice");
        int start = alice.rawBytes().length;
        alice.sendRaw(concat(utf8("one\r\ntwo\r\n"), CTRL_C));
        awaitBytesFrom(alice, start, concat(utf8("alice: one\r\nalice: two\r\n"), ASK_BINARY, will(TIMING_MARK)));
    }

    @Test
    public void timingMarkSplitAcrossReadsIsAnsweredEveryTime() {
        FakeUser alice = login("alice");
        int start = alice.rawBytes().length;
        alice.sendOneByteAtATime(concat(CTRL_C, utf8("x\r\n"), CTRL_C));
        awaitBytesFrom(alice, start, concat(ASK_BINARY, will(TIMING_MARK), utf8("alice: x\r\n"), will(TIMING_MARK)));
    }

    @Test
    public void timingMarkWaitsForThrottledLinesBeforeIt() {
        startServer(config().withRateLimit(20).withRateBurst(2));
        FakeUser alice = login("alice");
        int start = alice.rawBytes().length;
        // Six lines against a burst of two: four wait for tokens, and the answer waits behind them.
        alice.sendRaw(concat(utf8("1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n"), CTRL_C));
        awaitBytesFrom(alice, start, concat(utf8("alice: 1\r\nalice: 2\r\nalice: 3\r\nalice: 4\r\nalice: 5\r\nalice: 6\r\n"),
                ASK_BINARY, will(TIMING_MARK)));
    }

    @Test
    public void binaryIsAgreedBothWaysAndRepeatsGetNoAnswer() {
        FakeUser alice = login("alice");
        int start = alice.rawBytes().length;
        // The client asks first: no offer of ours is needed, and a repeat changes nothing.
        alice.sendRaw(bytes(IAC, WILL, BINARY, IAC, DO, BINARY, IAC, WILL, BINARY, IAC, DO, BINARY));
        alice.send("/who");
        awaitBytesFrom(alice, start, concat(bytes(IAC, DO, BINARY), bytes(IAC, WILL, BINARY),
                utf8("* users in #lobby: alice\r\n")));
    }

    @Test
    public void otherOptionsAreRefusedAndRefusalsNeedNoAnswer() {
        FakeUser alice = login("alice");
        int start = alice.rawBytes().length;
        alice.sendRaw(bytes(IAC, DO, ECHO, IAC, DO, SGA, IAC, WILL, NAWS, IAC, DONT, ECHO, IAC, WONT, NAWS,
                IAC, WONT, BINARY, IAC, NOP));
        alice.send("/who");
        // WONT BINARY is the client's no to our offer: nothing more is said of it.
        awaitBytesFrom(alice, start, concat(wont(ECHO), ASK_BINARY, wont(SGA), bytes(IAC, DONT, NAWS),
                utf8("* users in #lobby: alice\r\n")));
    }

    @Test
    public void areYouThereAtThePromptGetsAFreshLineAndThePromptAgain() {
        FakeUser user = connectToPrompt();
        user.sendRaw(bytes(IAC, AYT));
        // The DO BINARY offer (the first command's) comes first; it is no text, so the line still
        // needs its fresh start.
        awaitBytesFrom(user, 0, concat(utf8("Welcome to " + config().name() + "\r\nUsername: "), ASK_BINARY,
                utf8("\r\n* still here\r\nUsername: ")));
        user.login("alice");
    }

    @Test
    public void areYouThereAfterLoginIsAnInfoLineInTheUsersFormat() {
        FakeUser alice = login("alice");
        alice.sendRaw(bytes(IAC, AYT));
        alice.expectNext("* still here");
        alice.send("/json");
        alice.expectNextJson("{\"type\":\"info\",\"text\":\"output is now json\"}");
        alice.sendRaw(bytes(IAC, AYT));
        alice.expectNextJson("{\"type\":\"info\",\"text\":\"still here\"}");
    }

    @Test
    public void nonAsciiInBinaryModeReachesTheRoomIntact() {
        FakeUser bob = login("bob");
        FakeUser kenji = login("kenji");
        bob.awaitLine("* kenji joined #lobby");
        // After Ctrl-C the server asks for binary and telnet agrees; then UTF-8 passes as it is.
        kenji.sendRaw(CTRL_C);
        kenji.sendRaw(concat(bytes(IAC, WILL, BINARY), utf8("こんにちは 日本語 李\r\n")));
        bob.expectNext("kenji: こんにちは 日本語 李");
    }

    // ------------------------------------------------------------------ helpers

    private static void awaitBytesFrom(FakeUser user, int start, byte[] expected) {
        try {
            Awaitility.await().atMost(FakeUser.TIMEOUT).pollInterval(java.time.Duration.ofMillis(5))
                    .until(() -> user.rawBytes().length - start >= expected.length);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // fall through to the comparison, which says what did arrive
        }
        byte[] all = user.rawBytes();
        byte[] actual = Arrays.copyOfRange(all, start, Math.min(all.length, start + expected.length + 64));
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionFailedError(user.label() + ": expected the bytes " + hex(expected) + " but got "
                    + hex(actual), hex(expected), hex(actual));
        }
    }

    private static void assertNoIac(FakeUser user) {
        for (byte b : user.rawBytes()) {
            assertFalse(b == (byte) IAC, () -> user.label() + " received a telnet byte: " + hex(user.rawBytes()));
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                out.append((char) c);
            } else {
                out.append(String.format("<%02x>", c));
            }
        }
        return out.toString();
    }

    private static byte[] will(int option) {
        return bytes(IAC, WILL, option);
    }

    private static byte[] wont(int option) {
        return bytes(IAC, WONT, option);
    }
}
