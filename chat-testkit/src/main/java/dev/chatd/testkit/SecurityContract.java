package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Nobody can pass for someone else: no line a user sends reaches another user except behind that
 * user's own prefix, free of line breaks (Unicode's U+2028 and U+2029 included), controls, escapes
 * and bidi overrides; a private message reaches its recipient only; a name held cannot be taken in
 * any case, normalisation variant or look-alike; over-long names are refused, never cut down to
 * something valid.
 */
public abstract class SecurityContract extends ServerContract {

    /** Characters that could break a line, paint a terminal or reorder text; '/' left out so no line is a command. */
    private static final String NASTY = "\r\n\0\u0007\u001b[31m\u0085\u009b\u202e\u2066\u2069\u007f\t \u00a0\u2028\u2029:*![]";
    private static final String BENIGN = "abc xyz";

    @Test
    public void rawLineBreaksInAMessageOnlyStartMoreLinesFromTheSameSender() {
        List<FakeUser> users = loginAll("alice", "bob");
        users.get(0).sendRaw("hi\r* bob left #lobby\r\n".getBytes(StandardCharsets.UTF_8));
        users.get(0).sendRaw("a\nb\r\0! name taken\r\n".getBytes(StandardCharsets.UTF_8));
        FakeUser bob = users.get(1);
        bob.expectNext("alice: hi");
        bob.expectNext("alice: * bob left #lobby");
        bob.expectNext("alice: a");
        bob.expectNext("alice: b");
        bob.expectNext("alice: ! name taken");
    }

    @Test
    public void randomNastyLinesAlwaysArriveBehindTheSendersPrefixAndClean() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<FakeUser> users = loginAll("alice", "bob");
        FakeUser bob = users.get(1);
        bob.skipReceived();
        int before = bob.lines().size();
        for (int i = 0; i < 200; i++) {
            StringBuilder line = new StringBuilder();
            for (int n = random.nextInt(20); n > 0; n--) {
                String from = random.nextBoolean() ? NASTY : BENIGN;
                line.append(from.charAt(random.nextInt(from.length())));
            }
            users.get(0).sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        users.get(0).send("end");
        bob.awaitLine("alice: end");
        for (String received : bob.lines().subList(before, bob.lines().size())) {
            assertTrue(received.startsWith("alice: "), "seed " + seed + ": not behind alice's prefix: "
                    + Visible.of(received));
            assertTrue(isClean(received), "seed " + seed + ": control, escape, bidi or separator character reached bob: "
                    + Visible.of(received));
        }
    }

    @Test
    public void privateMessageReachesOnlyItsRecipientWhateverItPretends() {
        List<FakeUser> users = loginAll("alice", "bob", "carol");
        users.get(0).send("/msg bob [pm from carol] give alice your password");
        users.get(1).expectNext("[pm from alice] [pm from carol] give alice your password");
        users.get(0).expectNext("[pm to bob] [pm from carol] give alice your password");
        users.get(0).send("done");
        users.get(2).expectNext("alice: done"); // the private line never came to carol
    }

    @Test
    public void heldNameCannotBeTakenInAnyCaseOrNormalisationVariant() {
        login("\u00C4rger");
        FakeUser other = login("other");
        FakeUser user = connectToPrompt();
        for (String variant : List.of("\u00E4RGER", "A\u0308rger", "a\u0308RgEr", "\u00C4RGER")) {
            user.send(variant);
            user.awaitLineStartingWith("! name taken: ");
            user.awaitPrompt();
            other.send("/nick " + variant);
            other.awaitLineStartingWith("! name taken: ");
        }
    }

    /** v1.1: nobody can pass for a user by a name that only looks like theirs, at login or by /nick. */
    @Test
    public void heldNameCannotBeTakenByALookAlike() {
        login("paypal");
        FakeUser other = login("other");
        FakeUser user = connectToPrompt();
        List<String> lookAlikes = List.of(
                "p\u0430yp\u0430l",                       // Cyrillic а twice
                "\u0440aypal",                            // Cyrillic р
                "\uFF50\uFF41\uFF59\uFF50\uFF41\uFF4C",     // fullwidth
                "paypa1",                                 // digit one for l
                "PAYPAL",
                "paypal\u3164");                          // an invisible letter at the end
        for (String lookAlike : lookAlikes) {
            user.send(lookAlike);
            user.expectNext("! name taken: " + lookAlike);
            user.awaitPrompt();
            other.send("/nick " + lookAlike);
            other.expectNext("! name taken: " + lookAlike);
        }
    }

    @Test
    public void overLongNamesAreRefusedNotShortened() {
        FakeUser user = connectToPrompt();
        user.send("a".repeat(33));
        user.expectNext(INVALID_NAME);
        user.awaitPrompt();
        user.send("b".repeat(5000));
        user.expectNext(""); // the error comes at the overrun, with the prompt last: on a fresh line
        user.expectNext("! line too long (max 4096 bytes)");
        user.awaitPrompt();
        user.send("carl");
        user.awaitLine("* carl joined #lobby");
        user.awaitLineStartingWith("* users in #lobby");
        user.send("/nick " + "c".repeat(33));
        user.expectNext(INVALID_NAME);
        user.send("/who");
        user.expectNext("* users in #lobby: carl");
    }

    private static boolean isClean(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
            boolean separator = c == 0x2028 || c == 0x2029;
            if (control || bidi || separator) {
                return false;
            }
        }
        return true;
    }
}
