package dev.chatd.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Names#key}: names that look alike are one name (docs/protocol.md, "Logging in"). */
class NameKeyTest {

    @ParameterizedTest(name = "{0} is alice")
    @CsvSource({
        "ALICE", "Alice", "aLiCe",
        "\u0430lice",                                  // Cyrillic а
        "\uFF41\uFF4C\uFF49\uFF43\uFF45",              // fullwidth ａｌｉｃｅ
        "\uFF21\uFF2C\uFF29\uFF23\uFF25",              // fullwidth ＡＬＩＣＥ
        "\u0251lice",                                  // ɑ LATIN SMALL LETTER ALPHA
        "\u03B1lice", "\u0391LICE",                    // Greek α and Α
        "\uD835\uDC1A\uD835\uDC25\uD835\uDC22\uD835\uDC1C\uD835\uDC1E", // mathematical bold 𝐚𝐥𝐢𝐜𝐞
        "'alice\u3164'",                               // HANGUL FILLER: a letter (Lo), so valid, and invisible
    })
    void protocolLookAlikesOfAliceAreAlice(String lookAlike) {
        assertEquals(Names.key("alice"), Names.key(lookAlike));
    }

    @Test
    void sharpSIsDoubleS() {
        String key = Names.key("strasse");
        for (String name : List.of("Straße", "STRASSE", "STRA\u1E9EE", "straße")) {
            assertEquals(key, Names.key(name), name);
        }
    }

    @Test
    void everySigmaIsOneLetter() {
        assertEquals(Names.key("\u03C3"), Names.key("\u03A3"));   // σ, Σ
        assertEquals(Names.key("\u03C3"), Names.key("\u03C2"));   // σ, final ς
        assertEquals(Names.key("\u039F\u0394\u03A5\u03A3\u03A3\u0395\u03A5\u03A3"), Names.key("οδυσσευς"));
    }

    @Test
    void ligaturesAndCompatibilityFormsAreTheirLetters() {
        assertEquals(Names.key("fi"), Names.key("\uFB01"));           // ﬁ
        assertEquals(Names.key("fish"), Names.key("\uFB01sh"));
        assertEquals(Names.key("lj"), Names.key("\u01C7"));           // Ǉ
        assertEquals(Names.key("xii"), Names.key("\u216B"));          // Ⅻ (not a valid name; /msg may type it)
    }

    @Test
    void normalisationFormDoesNotMatter() {
        assertEquals(Names.key("Zo\u00EB"), Names.key("Zoe\u0308"));
        assertEquals(Names.key("\u00C4rger"), Names.key("A\u0308RGER"));
    }

    @Test
    void uts39LookAlikesOfLowerCaseLettersCollide() {
        assertEquals(Names.key("m"), Names.key("rn"));
        assertEquals(Names.key("Mallory"), Names.key("rnallory"));
        assertEquals(Names.key("bob1"), Names.key("bobl"));
        assertEquals(Names.key("b\u043Eb"), Names.key("bob"));      // Cyrillic о
        assertEquals(Names.key("b\u03BFb"), Names.key("bob"));      // Greek ο
    }

    @Test
    void aKeyIsItsOwnKeySoDigitZeroIsLetterO() {
        // One round gives "bobO" for bob0, a string whose own key is "bobo": the extra rounds
        // make bob0 the same name as bobo and BOBO.
        assertEquals(Names.key("bobo"), Names.key("bob0"));
        assertEquals(Names.key("BOBO"), Names.key("bob0"));
        // Cherokee Ꭺ folds to itself and its skeleton is capital Latin A.
        assertEquals(Names.key("a"), Names.key("\u13AA"));
        // β's skeleton is ß, which folds to ss; ß itself is ss.
        assertEquals(Names.key("\u00DFob"), Names.key("\u03B2ob"));
    }

    /**
     * The limit of folding case first: capitals that look like other letters only once in upper
     * case are told apart by their lower case. Asserted so that a change here is a decision.
     */
    @Test
    void capitalLookAlikesWhoseLowerCaseDiffersStayDistinct() {
        assertNotEquals(Names.key("lan"), Names.key("Ian"));        // I folds to i, never to l
        assertNotEquals(Names.key("BEPA"), Names.key("\u0412\u0415\u0420\u0410")); // ВЕРА folds to вера
        assertNotEquals(Names.key("alice"), Names.key("AL\u0130CE")); // İ keeps its dot
    }

    @ParameterizedTest(name = "{0} and {1} are different names")
    @CsvSource({
        "alice, alicia",
        "bob, bob2",
        "alice, alice_",
        "a-b, a_b",
        "bob, bobb",
        "\u674E, \u5B63",                               // 李 and 季
        "\u0438\u0432\u0430\u043D, ivan",               // иван and ivan
        "\u0432\u0435\u0440\u0430, bepa",               // вера and bepa: в is not b
        "\u03A9mega, omega",                            // Ω is not o
        "\u65E5\u672C\u8A9E, \u65E5\u672C",             // 日本語 and 日本
        "\u00E9mile, emile",                            // the accent counts
        "nick, nik",
    })
    void differentNamesStayDifferent(String one, String other) {
        assertNotEquals(Names.key(one), Names.key(other));
    }

    @Test
    void keyIsIdempotentForEveryNameCodePoint() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (!isNameCodePoint(codePoint)) continue;
            String key = Names.key(new String(Character.toChars(codePoint)));
            if (!Names.key(key).equals(key)) {
                throw new AssertionError("U+" + Integer.toHexString(codePoint).toUpperCase(Locale.ROOT)
                        + ": key(key) differs from key");
            }
        }
    }

    @Test
    void keyIsIdempotentForRandomNames() {
        List<Integer> alphabet = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (isNameCodePoint(codePoint)) alphabet.add(codePoint);
        }
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder name = new StringBuilder();
            for (int length = 1 + random.nextInt(Names.MAX_CODE_POINTS); length > 0; length--) {
                name.appendCodePoint(alphabet.get(random.nextInt(alphabet.size())));
            }
            String key = Names.key(name.toString());
            assertEquals(key, Names.key(key), () -> "seed " + seed + ": " + name);
        }
    }

    @Test
    void keyIsIndependentOfTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertEquals(Names.key("ali"), Names.key("ALI"));
            assertEquals(Names.key("i"), Names.key("I"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    private static boolean isNameCodePoint(int codePoint) {
        return Character.isLetter(codePoint) || Character.isDigit(codePoint) || codePoint == '_' || codePoint == '-';
    }
}
