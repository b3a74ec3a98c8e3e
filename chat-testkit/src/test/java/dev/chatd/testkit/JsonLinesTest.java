package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonLinesTest {

    private static final String MESSAGE = "{'type':'message','room':'lobby','seq':'<seq>','ts':'<ts>','from':'a','text':'hi'}";

    @Test
    void matchesWithPlaceholdersInAnyKeyOrder() {
        var node = JsonLines.assertMatches(MESSAGE,
                "{\"ts\":\"2026-01-01T10:00:00.000Z\",\"seq\":17,\"type\":\"message\",\"room\":\"lobby\",\"from\":\"a\",\"text\":\"hi\"}");
        assertEquals(17, node.get("seq").intValue());
    }

    @Test
    void refusesAnExtraOrMissingKey() {
        assertThrows(AssertionError.class, () -> JsonLines.assertMatches("{'type':'info','text':'bye'}",
                "{\"type\":\"info\",\"text\":\"bye\",\"extra\":1}"));
        assertThrows(AssertionError.class, () -> JsonLines.assertMatches("{'type':'info','text':'bye'}",
                "{\"type\":\"info\"}"));
    }

    @Test
    void refusesTimestampsWithoutExactlyThreeFractionDigits() {
        for (String ts : new String[] {"2026-01-01T10:00:00Z", "2026-01-01T10:00:00.12Z", "2026-01-01T10:00:00.123456Z",
                "2026-01-01T10:00:00.123+00:00"}) {
            assertThrows(AssertionError.class, () -> JsonLines.assertMatches(MESSAGE,
                    "{\"type\":\"message\",\"room\":\"lobby\",\"seq\":1,\"ts\":\"" + ts + "\",\"from\":\"a\",\"text\":\"hi\"}"), ts);
        }
    }

    @Test
    void refusesANonPositiveOrTextualSeq() {
        for (String seq : new String[] {"0", "\"1\"", "1.5"}) {
            assertThrows(AssertionError.class, () -> JsonLines.assertMatches(MESSAGE,
                    "{\"type\":\"message\",\"room\":\"lobby\",\"seq\":" + seq
                            + ",\"ts\":\"2026-01-01T10:00:00.123Z\",\"from\":\"a\",\"text\":\"hi\"}"), seq);
        }
    }

    @Test
    void refusesTrailingTokensAndNonObjects() {
        assertThrows(AssertionError.class, () -> JsonLines.parse("{\"type\":\"info\"} {}"));
        assertThrows(AssertionError.class, () -> JsonLines.parse("[1]"));
        assertThrows(AssertionError.class, () -> JsonLines.parse("* bye"));
    }

    @Test
    void tellsTypes() {
        assertTrue(JsonLines.isType("{\"type\":\"users\",\"room\":\"x\",\"users\":[]}", "users"));
        assertFalse(JsonLines.isType("* users in #x: a", "users"));
    }

    @Test
    void quotesForSplicing() {
        assertEquals("\"it's \\\"x\\\"\"", JsonLines.quote("it's \"x\""));
    }
}
