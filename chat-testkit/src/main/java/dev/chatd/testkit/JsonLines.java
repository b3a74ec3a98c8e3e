package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and checks the JSON lines of docs/protocol.md's {@code /json} mode.
 *
 * <p>Expected objects are written leniently, with single quotes, so tests stay readable:
 * {@code {'type':'info','text':'bye'}}. Two placeholders stand for values a test cannot know:
 * {@code '<ts>'} accepts any timestamp in the protocol's format ({@link #TIMESTAMP}) and
 * {@code '<seq>'} any positive integer. Everything else must be equal, with exactly the same keys
 * (in any order).
 */
public final class JsonLines {

    /** UTC, ISO-8601, always three fraction digits, {@code Z}: {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}. */
    public static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    public static final String ANY_TS = "<ts>";
    public static final String ANY_SEQ = "<seq>";

    // A server line must be exactly one JSON value: trailing tokens are a framing error.
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    private JsonLines() {
    }

    /** Parses a line the server sent; it must be one JSON object and nothing else. */
    public static ObjectNode parse(String line) {
        JsonNode node;
        try {
            node = STRICT.readTree(line);
        } catch (JacksonException e) {
            return fail("not one JSON value: " + Visible.of(line) + "\n  " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return fail("not a JSON object: " + Visible.of(line));
        }
        return (ObjectNode) node;
    }

    /** True when the line is a JSON object of the given {@code type}. */
    public static boolean isType(String line, String type) {
        if (!line.startsWith("{")) {
            return false;
        }
        try {
            JsonNode node = STRICT.readTree(line);
            return node != null && node.isObject() && type.equals(node.path("type").asString(null));
        } catch (JacksonException e) {
            return false;
        }
    }

    /**
     * Checks a received line against an expected object (lenient syntax, placeholders allowed)
     * and returns the parsed line so the caller can read {@code seq} or {@code ts}.
     */
    public static ObjectNode assertMatches(String expected, String line) {
        ObjectNode want = (ObjectNode) LENIENT.readTree(expected);
        ObjectNode actual = parse(line);
        ObjectNode got = actual.deepCopy();
        String context = "\n  expected " + expected + "\n  received " + Visible.of(line);
        if (ANY_TS.equals(want.path("ts").asString(null))) {
            assertTrue(got.has("ts"), "no \"ts\"" + context);
            assertTimestamp(got.get("ts"), context);
            want.remove("ts");
            got.remove("ts");
        }
        if (ANY_SEQ.equals(want.path("seq").asString(null))) {
            JsonNode seq = got.get("seq");
            assertTrue(seq != null && seq.isIntegralNumber() && seq.longValue() >= 1,
                    "\"seq\" must be a positive integer" + context);
            want.remove("seq");
            got.remove("seq");
        }
        assertEquals(new TreeSet<>(want.propertyNames()), new TreeSet<>(got.propertyNames()), "keys differ" + context);
        assertEquals(want, got, "values differ" + context);
        return actual;
    }

    /** A JSON string literal for {@code text}, to splice texts with quotes into an expected object. */
    public static String quote(String text) {
        return STRICT.writeValueAsString(text);
    }

    /** Checks {@code ts} is a string in the protocol's format and a real instant. */
    public static Instant assertTimestamp(JsonNode ts, String context) {
        assertTrue(ts.isString() && TIMESTAMP.matcher(ts.stringValue()).matches(),
                "\"ts\" must look like 2026-01-01T10:00:00.123Z" + context);
        return Instant.parse(ts.stringValue());
    }
}
