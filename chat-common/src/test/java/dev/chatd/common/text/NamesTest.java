package dev.chatd.common.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Alice", "a", "_", "-", "bob_2", "x-y", "Ωmega", "日本語", "Łukasz",
            "ʻokina", "ǅemal", "user٣", "abc१२३"})
    void validNamesAreKeptAsTyped(String name) {
        assertEquals(Optional.of(name), Names.validName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a:b", "a*", "!a", "[pm", "a]", "a.b", "a#", "#a", "a@b", "a/b",
            "a'b", "a\u00A0b", "a\u200Bb", "a\u200Db", "\uD83D\uDE00", "Ⅻ", "²", "½", "a\u0301\u0301"})
    void invalidNamesAreRejected(String name) {
        assertEquals(Optional.empty(), Names.validName(name));
    }

    @Test
    void nfcComposesACombiningAccentIntoOneCodePoint() {
        assertEquals(Optional.of("caf\u00E9"), Names.validName("cafe\u0301"));
    }

    @Test
    void decomposedAccentCountsAsOneCodePointAfterNfc() {
        String thirtyTwo = "e\u0301".repeat(32);   // 64 code points typed, 32 after NFC
        assertEquals(Optional.of("\u00E9".repeat(32)), Names.validName(thirtyTwo));
    }

    @Test
    void markThatDoesNotComposeIsInvalid() {
        // q has no precomposed form with an acute, so the mark (category Mn) survives NFC.
        assertEquals(Optional.empty(), Names.validName("q\u0301"));
        // Devanagari vowel sign (Mc) is a mark, not a letter.
        assertEquals(Optional.empty(), Names.validName("\u0915\u093F"));
    }

    @Test
    void thirtyTwoCodePointsIsTheLimit() {
        assertEquals(Optional.of("a".repeat(32)), Names.validName("a".repeat(32)));
        assertEquals(Optional.empty(), Names.validName("a".repeat(33)));
    }

    @Test
    void astralLettersCountAsOneCodePointEach() {
        String mathBoldA = "\uD835\uDC00";   // U+1D400, a letter (Lu) outside the BMP
        assertEquals(Optional.of(mathBoldA.repeat(32)), Names.validName(mathBoldA.repeat(32)));
        assertEquals(Optional.empty(), Names.validName(mathBoldA.repeat(33)));
        String gothic = "\uD800\uDF30";      // U+10330 GOTHIC LETTER AHSA (Lo)
        assertEquals(Optional.of(gothic + "x"), Names.validName(gothic + "x"));
    }

    @Test
    void decimalDigitsFromOtherScriptsAreValid() {
        assertEquals(Optional.of("\u0663\u0664"), Names.validName("\u0663\u0664"));               // Arabic-Indic
        assertEquals(Optional.of("\uD835\uDFCE"), Names.validName("\uD835\uDFCE"));               // math bold 0 (Nd)
        assertEquals(Optional.of("\uFF11"), Names.validName("\uFF11"));                           // fullwidth 1
    }

    @Test
    void nfcDoesNotFoldCompatibilityCharacters() {
        // NFKC would turn the ligature into "fi"; NFC keeps it, and it is a letter.
        assertEquals(Optional.of("\uFB01"), Names.validName("\uFB01"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "#dev", "DEV", "#Dev"})
    void roomNamesLoseOneHashAndAreLowerCased(String room) {
        assertEquals(Optional.of("dev"), Names.validRoom(room));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#", "##dev", "dev#", "#dev x", "de v", "dev:", "*dev", "!dev", "[dev", "#\u0301"})
    void invalidRoomsAreRejected(String room) {
        assertEquals(Optional.empty(), Names.validRoom(room));
    }

    @Test
    void roomRulesMatchNameRules() {
        assertEquals(Optional.of("a".repeat(32)), Names.validRoom("#" + "A".repeat(32)));
        assertEquals(Optional.empty(), Names.validRoom("#" + "a".repeat(33)));
        assertEquals(Optional.of("caf\u00E9"), Names.validRoom("#CAFE\u0301"));
        assertEquals(Optional.of("straße"), Names.validRoom("Straße"));
        assertEquals(Optional.of("ωmega_٣"), Names.validRoom("#ΩMEGA_٣"));
    }

    @Test
    void roomIsLowerCasedIndependentOfTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertEquals(Optional.of("lobi"), Names.validRoom("#LOBI"));
            assertEquals("ali", Names.key("ALI"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void keyIgnoresCase() {
        assertEquals(Names.key("Alice"), Names.key("aLICE"));
        assertEquals(Names.key("ölaf"), Names.key("ÖLAF"));
        assertNotEquals(Names.key("alice"), Names.key("alice_"));
    }

    @Test
    void errorTextsAreThoseOfTheProtocol() {
        assertEquals("invalid name: use 1-32 letters, digits, '_' or '-'", Names.INVALID_NAME);
        assertEquals("invalid room: use 1-32 letters, digits, '_' or '-'", Names.INVALID_ROOM);
    }
}
